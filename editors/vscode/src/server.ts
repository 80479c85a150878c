// Finding the `lever` executable: `lever.server.path` wins, then `lever` on PATH. Either must
// answer `--version`, or the user gets one error that says what to do.

import { execFile } from 'node:child_process';

import { resolvePath } from './config';

export interface Server {
  /** What to run: an absolute path, a path relative to the workspace, or `lever` (PATH). */
  command: string;
  /** The first line of `<command> --version`, e.g. `lever 0.1.0`. */
  version: string;
}

/** The server could not be run. `message` is written for the user and says what to do. */
export class ServerNotFound extends Error {}

const VERSION_TIMEOUT_MS = 10_000;

export async function findServer(configuredPath: string, cwd: string | undefined): Promise<Server> {
  const command = configuredPath === '' ? 'lever' : resolvePath(configuredPath);
  try {
    const version = await run(command, ['--version'], cwd);
    return { command, version: version.split('\n')[0]?.trim() ?? '' };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (configuredPath === '') {
      throw new ServerNotFound(
        `Lever: could not run \`lever --version\` from PATH (${why}). Install Lever ` +
          '(`cargo install --path cli` in a Lever checkout) and make sure `lever` is on PATH, ' +
          'or set `lever.server.path` to the lever executable.',
      );
    }
    throw new ServerNotFound(
      `Lever: \`lever.server.path\` is \`${configuredPath}\`, but \`${command} --version\` failed (${why}). ` +
        'Set `lever.server.path` to the lever executable, or clear it to use `lever` from PATH.',
    );
  }
}

/** Runs a short command and returns its standard output; rejects with a one-line reason. */
export function run(command: string, args: string[], cwd: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) {
        resolve(stdout);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      let why: string;
      if (code === 'ENOENT') {
        why = 'not found';
      } else if (code === 'EACCES') {
        why = 'not executable';
      } else if (error.killed) {
        why = `no answer within ${VERSION_TIMEOUT_MS / 1000} s`;
      } else {
        const detail = stderr.trim().split('\n')[0] ?? '';
        why = `exit code ${String(error.code ?? error.signal ?? '?')}${detail === '' ? '' : `: ${detail}`}`;
      }
      reject(new Error(why));
    });
  });
}
