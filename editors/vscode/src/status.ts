// The status bar item: the server's state, and its error when it failed. Clicking it shows
// the Lever output.

import * as vscode from 'vscode';

export type State =
  | { kind: 'starting'; command: string }
  | { kind: 'running'; version: string; command: string }
  | { kind: 'disabled' }
  | { kind: 'stopped' }
  | { kind: 'error'; message: string };

export class Status implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('lever.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'Lever';
    this.item.command = 'lever.showOutput';
    this.item.show();
  }

  set(state: State): void {
    const item = this.item;
    item.backgroundColor = undefined;
    let tooltip: string;
    switch (state.kind) {
      case 'starting':
        item.text = '$(loading~spin) Lever';
        tooltip = `Lever: starting \`${state.command} lsp\``;
        break;
      case 'running':
        item.text = '$(check) Lever';
        tooltip = `Lever: ${state.version} is running (\`${state.command} lsp\`)`;
        break;
      case 'disabled':
        item.text = '$(circle-slash) Lever';
        tooltip = 'Lever: diagnostics are off (`lever.enable` is false)';
        break;
      case 'stopped':
        item.text = '$(debug-stop) Lever';
        tooltip = 'Lever: the server is stopped. Run "Lever: Restart Server" to start it.';
        break;
      case 'error':
        item.text = '$(error) Lever';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        tooltip = state.message;
        break;
    }
    item.tooltip = new vscode.MarkdownString(`${tooltip}\n\nClick to show the Lever output.`);
    item.accessibilityInformation = { label: tooltip.replace(/`/g, '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
