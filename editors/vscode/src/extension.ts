// Lever for VS Code: runs `lever lsp` for Rust, Python, TypeScript and JavaScript files.

import * as vscode from 'vscode';

import { Lever } from './lever';
import { RuleDocsProvider } from './ruleDocs';

let lever: Lever | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const instance = new Lever();
  lever = instance;
  context.subscriptions.push(
    instance,
    vscode.commands.registerCommand('lever.restartServer', () => instance.restart()),
    vscode.commands.registerCommand('lever.showOutput', () => {
      instance.output.show(true);
    }),
    RuleDocsProvider.register(instance),
    vscode.workspace.onDidChangeConfiguration((e) => {
      instance.onConfigurationChanged(e);
    }),
  );
  await instance.start();
}

export async function deactivate(): Promise<void> {
  await lever?.stop();
  lever = undefined;
}
