// The language client's lifecycle: find the server, start `lever lsp` over stdio, pass the
// settings on, restart it, and keep the status bar item in step.

import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  type ErrorHandlerResult,
  HoverRequest,
  LanguageClient,
  ResponseError,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { readConfig, SECTION, serverSettings, workspaceRoot } from './config';
import { findServer, run, type Server, ServerNotFound } from './server';
import { Status } from './status';

/** The languages `lever lsp` lints; the server picks the grammar from the file extension. */
export const LANGUAGES = ['rust', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

/** Crashes tolerated within `CRASH_WINDOW_MS` before the client gives up restarting. */
const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

export class Lever implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  private readonly status = new Status();
  private client: LanguageClient | undefined;
  private server: Server | undefined;
  /** Starts and stops run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** Set while we stop the client ourselves, so that its `Stopped` state is not an error. */
  private stopping = false;

  constructor() {
    this.output = vscode.window.createOutputChannel('Lever');
  }

  start(): Promise<void> {
    return this.enqueue(() => this.startClient());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopClient();
      await this.startClient();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopClient());
  }

  /** Reacts to a change of the `lever.*` settings. */
  onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(`${SECTION}.server`)) {
      this.log('lever.server changed: restarting the server');
      void this.restart();
      return;
    }
    if (['enable', 'rules', 'packs'].some((key) => e.affectsConfiguration(`${SECTION}.${key}`))) {
      // `lever.trace.server` is applied by the language client itself.
      void this.enqueue(() => this.sendSettings());
    }
  }

  /**
   * The rule's docs as Markdown: the server's hover at a position of one of its diagnostics
   * (it knows the team's packs), else `lever rule ID`.
   */
  async ruleDocs(rule: string, document: vscode.TextDocument, at: vscode.Position): Promise<string> {
    const client = this.client;
    if (client?.state === State.Running) {
      try {
        const params = client.code2ProtocolConverter.asTextDocumentPositionParams(document, at);
        const hover = await client.sendRequest(HoverRequest.type, params);
        const contents = hover?.contents;
        if (contents !== undefined && typeof contents === 'object' && 'kind' in contents) {
          if (contents.value.includes(`\`${rule}\``)) {
            return contents.value;
          }
        }
      } catch (e) {
        this.log(`hover for the docs of ${rule} failed: ${String(e)}`);
      }
    }
    const command = this.server?.command ?? 'lever';
    return run(command, ['rule', rule], workspaceRoot());
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.output.dispose();
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.queue.then(op, op);
    this.queue = next.catch((e: unknown) => {
      this.log(`error: ${String(e)}`);
    });
    return this.queue;
  }

  private log(message: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${message}`);
  }

  private async startClient(): Promise<void> {
    const config = readConfig();
    const cwd = workspaceRoot();
    this.status.set({ kind: 'starting', command: config.serverPath === '' ? 'lever' : config.serverPath });
    let server: Server;
    try {
      server = await findServer(config.serverPath, cwd);
    } catch (e) {
      const message = e instanceof ServerNotFound ? e.message : `Lever: ${String(e)}`;
      this.fail(message);
      return;
    }
    this.server = server;
    this.log(`starting ${server.command} lsp (${server.version}) in ${cwd ?? 'no workspace folder'}`);

    const serverOptions: ServerOptions = {
      command: server.command,
      // No `transport`: stdio is the default, and setting it would append `--stdio`.
      args: ['lsp', ...config.extraArgs],
      options: cwd === undefined ? {} : { cwd },
    };
    const restarts: number[] = [];
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
      outputChannel: this.output,
      initializationOptions: () => serverSettings(),
      middleware: {
        workspace: {
          // The server asks for the `lever` section: answer with resolved paths.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (answers instanceof ResponseError) {
              return answers;
            }
            return params.items.map((item, i): unknown => (item.section === SECTION ? serverSettings() : answers[i]));
          },
        },
      },
      errorHandler: {
        error: (_error, _message, count): ErrorHandlerResult => ({
          action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
        }),
        closed: (): CloseHandlerResult => {
          const now = Date.now();
          restarts.push(now);
          while (restarts.length > 0 && now - (restarts[0] ?? now) > CRASH_WINDOW_MS) {
            restarts.shift();
          }
          if (restarts.length <= MAX_RESTARTS) {
            this.log('the server exited: restarting it');
            return { action: CloseAction.Restart };
          }
          return {
            action: CloseAction.DoNotRestart,
            message:
              `Lever: the server exited ${restarts.length} times in 3 minutes and was not restarted. ` +
              'See "Lever: Show Output", then run "Lever: Restart Server".',
          };
        },
      },
    };
    const client = new LanguageClient('lever', 'Lever', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      if (e.newState === State.Running) {
        this.showRunning();
      } else if (e.newState === State.Starting) {
        this.status.set({ kind: 'starting', command: server.command });
      } else if (!this.stopping) {
        this.status.set({
          kind: 'error',
          message: 'Lever: the server stopped. See "Lever: Show Output", then run "Lever: Restart Server".',
        });
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      // The language client has shown its own error ("Starting client failed"): no second one.
      this.client = undefined;
      const message = `Lever: \`${server.command} lsp\` failed to start: ${e instanceof Error ? e.message : String(e)}`;
      this.log(message);
      this.status.set({ kind: 'error', message });
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    if (client === undefined) {
      return;
    }
    this.stopping = true;
    try {
      if (client.needsStop()) {
        await client.stop(2000);
      }
    } catch (e) {
      this.log(`stopping the server: ${String(e)}`);
    } finally {
      this.client = undefined;
      this.stopping = false;
      this.status.set({ kind: 'stopped' });
    }
  }

  private async sendSettings(): Promise<void> {
    const settings = serverSettings();
    this.log(`settings changed: ${JSON.stringify(settings)}`);
    const client = this.client;
    if (client?.state === State.Running) {
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: settings } });
      this.showRunning();
    }
  }

  private showRunning(): void {
    if (!readConfig().enable) {
      this.status.set({ kind: 'disabled' });
    } else if (this.server !== undefined) {
      this.status.set({ kind: 'running', version: this.server.version, command: this.server.command });
    }
  }

  /** One error for the user, the same in the status bar and the output. */
  private fail(message: string): void {
    this.log(message);
    this.status.set({ kind: 'error', message });
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'lever.server');
      } else if (choice === 'Show Output') {
        this.output.show(true);
      }
    });
  }
}
