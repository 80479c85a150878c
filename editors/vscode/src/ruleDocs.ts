// "Lever: Show Rule Docs": the docs of the rule behind the Lever diagnostic under the cursor,
// in a Markdown preview beside the code.

import * as vscode from 'vscode';

import type { Lever } from './lever';

const SCHEME = 'lever-rule-docs';

/** Serves `lever-rule-docs:/<rule>.md` documents from what the command fetched. */
export class RuleDocsProvider implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  static register(lever: Lever): vscode.Disposable {
    const provider = new RuleDocsProvider();
    const registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider);
    const command = vscode.commands.registerCommand('lever.showRuleDocs', () => provider.show(lever));
    return vscode.Disposable.from(registration, command, provider.changed);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  private async show(lever: Lever): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      void vscode.window.showInformationMessage('Lever: open a file and put the cursor on a Lever diagnostic.');
      return;
    }
    const found = diagnosticsAt(editor);
    if (found.length === 0) {
      void vscode.window.showInformationMessage('Lever: no Lever diagnostic under the cursor.');
      return;
    }
    let chosen = found[0];
    if (found.length > 1) {
      const items = found.map((f) => ({ label: f.rule, description: f.diagnostic.message, found: f }));
      chosen = (await vscode.window.showQuickPick(items, { placeHolder: 'Docs of which rule?' }))?.found;
    }
    if (chosen === undefined) {
      return;
    }
    let markdown: string;
    try {
      markdown = await lever.ruleDocs(chosen.rule, editor.document, chosen.diagnostic.range.start);
    } catch (e) {
      void vscode.window.showErrorMessage(`Lever: no docs for \`${chosen.rule}\`: ${String(e)}`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${chosen.rule}.md` });
    this.docs.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // No Markdown preview (the built-in extension is disabled): show the text.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }
}

interface Found {
  rule: string;
  diagnostic: vscode.Diagnostic;
}

/** Lever's diagnostics under the cursor, else on its line; one per rule. */
function diagnosticsAt(editor: vscode.TextEditor): Found[] {
  const at = editor.selection.active;
  const all: Found[] = [];
  for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
    const rule = ruleOf(diagnostic);
    if (diagnostic.source === 'lever' && rule !== undefined) {
      all.push({ rule, diagnostic });
    }
  }
  let found = all.filter((f) => f.diagnostic.range.contains(at));
  if (found.length === 0) {
    found = all.filter((f) => f.diagnostic.range.start.line <= at.line && at.line <= f.diagnostic.range.end.line);
  }
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.rule) && seen.add(f.rule));
}

/** The rule id: the diagnostic's code, which carries a link to the docs when the pack has one. */
function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}
