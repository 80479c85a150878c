// The extension's settings (`lever.*`), and the part of them the server takes.

import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const SECTION = 'lever';

/** The `lever.*` settings, read once. */
export interface Config {
  enable: boolean;
  serverPath: string;
  extraArgs: string[];
  rules: Record<string, string>;
  packs: string[];
}

/** What `lever lsp` reads from `initializationOptions` and the `lever` configuration section. */
export interface ServerSettings {
  enable: boolean;
  rules: Record<string, string>;
  packs: string[];
}

export function readConfig(): Config {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: cfg.get<boolean>('enable', true),
    serverPath: cfg.get<string>('server.path', '').trim(),
    extraArgs: stringArray(cfg.get<unknown>('server.extraArgs')),
    rules: stringRecord(cfg.get<unknown>('rules')),
    packs: stringArray(cfg.get<unknown>('packs')),
  };
}

/** The settings sent to the server, with pack paths made absolute. */
export function serverSettings(config: Config = readConfig()): ServerSettings {
  return {
    enable: config.enable,
    rules: config.rules,
    packs: config.packs.map((p) => resolvePath(p)),
  };
}

/** The first workspace folder on disk: the server's working directory and the base of relative paths. */
export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
}

/**
 * Expands `~` and `${workspaceFolder}`, and makes a relative path (one with a separator in it)
 * relative to the first workspace folder. A bare name such as `lever` is left for `PATH`.
 */
export function resolvePath(p: string): string {
  const root = workspaceRoot();
  let out = p.replace(/\$\{workspaceFolder\}/g, root ?? '.');
  if (out === '~' || out.startsWith('~/')) {
    out = path.join(os.homedir(), out.slice(1));
  }
  if (!path.isAbsolute(out) && out.includes('/') && root !== undefined) {
    out = path.resolve(root, out);
  }
  return out;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') {
        out[k] = v;
      } else if (typeof v === 'boolean') {
        out[k] = v ? 'on' : 'off';
      }
    }
  }
  return out;
}
