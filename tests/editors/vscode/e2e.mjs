// End-to-end test of the Lever VS Code extension in real VS Code: code-server (the VS Code
// workbench and its Node extension host) in headless Chromium, driven by playwright-core, with
// the real `lever lsp`. Run by run.sh, which installs everything and builds the .vsix.
//
// Environment (all set by run.sh):
//   LEVER_E2E_BIN          the lever binary (its directory goes on code-server's PATH)
//   LEVER_E2E_VSIX         the extension to install
//   LEVER_E2E_CODE_SERVER  code-server's executable (run under the Node on PATH: Node 24)
//   LEVER_E2E_DEPS         the directory whose node_modules has playwright-core
//   LEVER_E2E_WORKSPACE    the sample workspace; the test works on a temporary copy
//   LEVER_E2E_OUT          screenshots, logs and result.json
// Optional: LEVER_E2E_CHROMIUM (default /usr/bin/chromium), LEVER_E2E_TIMEOUT_MS (per wait,
// default 30000), LEVER_E2E_TRACE (lever.trace.server, default messages: the traffic is in
// vscode-logs/*/exthost1/output_logging_*/*-Lever.log under LEVER_E2E_OUT),
// LEVER_E2E_KEEP_TMP=1 (keep the temporary directory).
//
// Prints one `PASS name (ms)` or `FAIL name (ms): why` line per check; run.sh counts them. After
// a failure the remaining checks, which build on the state the failed one should have left, are
// listed as SKIP. Exit code: 0 all passed, 1 a check failed, 2 the harness itself failed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') {
    if (fallback === undefined) {
      console.error(`e2e.mjs: ${name} is not set (run tests/editors/vscode/run.sh)`);
      process.exit(2);
    }
    return fallback;
  }
  return v;
};
const LEVER = env('LEVER_E2E_BIN');
const VSIX = env('LEVER_E2E_VSIX');
const CODE_SERVER = env('LEVER_E2E_CODE_SERVER');
const WORKSPACE_SRC = env('LEVER_E2E_WORKSPACE');
const OUT = env('LEVER_E2E_OUT');
const CHROMIUM = env('LEVER_E2E_CHROMIUM', '/usr/bin/chromium');
const TIMEOUT = Number(env('LEVER_E2E_TIMEOUT_MS', '30000'));
const TRACE = env('LEVER_E2E_TRACE', 'messages');
const { chromium } = createRequire(path.join(env('LEVER_E2E_DEPS'), 'package.json'))('playwright-core');

const started = Date.now();
const result = { checks: [], timings: {} };
fs.mkdirSync(OUT, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lever-vscode-e2e-'));
const userData = path.join(tmp, 'user-data');
const extensions = path.join(tmp, 'extensions');
const settingsFile = path.join(userData, 'User', 'settings.json');
// A copy: the test types into the files, and must never change the checkout.
const WS = path.join(tmp, 'workspace');
fs.cpSync(WORKSPACE_SRC, WS, { recursive: true });
fs.mkdirSync(path.dirname(settingsFile), { recursive: true });

/** The user settings: a quiet workbench, and no auto save (VS Code for the Web's default is on). */
function writeUserSettings() {
  const settings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.editor.enablePreview': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    // Typing goes in as typed: no completion, no auto-closing.
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
    'editor.parameterHints.enabled': false,
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.hover.delay': 300,
    'editor.minimap.enabled': false,
    'lever.trace.server': TRACE,
  };
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
}

/**
 * The `lever.*` settings under test, as workspace settings (.vscode/settings.json): VS Code
 * applies a change to that file at once. (A change to the user settings file on the server's
 * disk is not noticed by code-server's workbench.)
 */
function writeLeverSettings(lever) {
  fs.mkdirSync(path.join(WS, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(WS, '.vscode', 'settings.json'), JSON.stringify(lever, null, 2));
}

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const squash = (s) => s.replace(/\u00a0/g, ' ');

/** Polls `probe` until it returns a truthy value; throws `what` (with the last value) on timeout. */
async function until(what, probe, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (e) {
      last = `error: ${e.message.split('\n')[0]}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last: ${JSON.stringify(last)})` : ''}`);
    }
    await sleep(100);
  }
}

let page;
let failed = false;
let shot = 0;
async function screenshot(name, options = {}) {
  if (page) {
    shot += 1;
    await page.screenshot({ path: path.join(OUT, `${String(shot).padStart(2, '0')}-${name}.png`), ...options });
  }
}

/** One counted check. After a failure the rest are skipped: each builds on the one before. */
async function check(name, body) {
  if (failed) {
    console.log(`SKIP ${name}`);
    result.checks.push({ name, status: 'skipped' });
    return;
  }
  const t = Date.now();
  try {
    const detail = await body();
    console.log(`PASS ${name} (${Date.now() - t} ms)`);
    result.checks.push({ name, status: 'passed', ms: Date.now() - t, detail });
  } catch (e) {
    failed = true;
    const why = String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n  ');
    console.log(`FAIL ${name} (${Date.now() - t} ms): ${why}`);
    result.checks.push({ name, status: 'failed', ms: Date.now() - t, error: String(e && e.stack ? e.stack : e) });
    await screenshot('failure').catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// --- code-server, in its own process group so that one kill ends it, its extension host and
// the language server --------------------------------------------------------------------------
let server;
let browser;
const serverEnv = {
  ...process.env,
  // `lever` on PATH: the extension starts with `lever.server.path` empty and must find it.
  PATH: `${path.dirname(LEVER)}:${process.env.PATH}`,
  // The server would otherwise take the extension host's environment from a login shell, whose
  // profile resets PATH; VSCODE_CLI=1 tells it that this environment already is a shell's.
  VSCODE_CLI: '1',
  XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
  XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
  XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
};
const configFile = path.join(tmp, 'code-server.yaml'); // Never ~/.config/code-server/config.yaml.
const codeServerArgs = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    const alive = () => {
      try {
        process.kill(-server.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 50 && alive(); i++) {
      await sleep(100);
    }
    if (alive()) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
  }
}

async function cleanup() {
  if (browser) {
    await browser.close().catch(() => {});
  }
  await stopServer();
  fs.rmSync(path.join(OUT, 'code-server.pgid'), { force: true });
  if (!process.env.LEVER_E2E_KEEP_TMP) {
    fs.rmSync(tmp, { recursive: true, force: true });
  } else {
    console.log(`kept ${tmp}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`FAIL e2e.mjs interrupted by ${signal}`);
    cleanup().finally(() => process.exit(1));
  });
}

// --- the checks ---------------------------------------------------------------------------------
/** The editor showing a file of the workspace. */
const editorOf = (file) => page.locator(`.monaco-editor[data-uri$="/${file}"]`).first();
const squiggles = (file, severity) => editorOf(file).locator(`.squiggly-${severity}`);
/** The rendered lines of an editor, top to bottom (Monaco keeps its line elements unordered). */
const editorLines = async (file) =>
  (
    await editorOf(file)
      .locator('.view-lines .view-line')
      .evaluateAll((lines) =>
        lines.map((l) => [parseFloat(l.style.top) || 0, l.textContent ?? '']).sort((a, b) => a[0] - b[0]).map((l) => l[1]),
      )
  ).map(squash);
const editorText = async (file) => (await editorLines(file)).join('\n');
const problemRows = () => page.locator('.markers-panel .monaco-list-row');
/** The status bar item of the extension. */
const leverStatus = () => page.locator('.statusbar-item[id$="lever.status"]').first();
const statusLabel = async () => {
  const item = leverStatus();
  const own = await item.getAttribute('aria-label');
  return own ?? (await item.locator('[aria-label]').first().getAttribute('aria-label'));
};

/** The Lever output channel as logged on the server's disk. */
function leverLog() {
  const logs = path.join(userData, 'logs');
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (/^\d+-Lever\.log$/.test(e.name)) {
        found.push(fs.readFileSync(p, 'utf8'));
      }
    }
  };
  if (fs.existsSync(logs)) {
    walk(logs);
  }
  return found.join('\n');
}

async function openFile(file) {
  await page.getByRole('treeitem', { name: file, exact: true }).click();
  await editorOf(file).locator('.view-lines').waitFor({ timeout: TIMEOUT });
  await editorOf(file).locator('.view-lines').click({ position: { x: 5, y: 5 } });
}

/** Clicks in the middle of the first rendered line holding `text`. */
async function clickLine(file, text) {
  const line = editorOf(file).locator('.view-line', { hasText: text }).first();
  await line.locator('span span', { hasText: text.split(' ')[0] }).first().click();
}

async function problemsPanelRows(re) {
  return until(`a Problems row matching ${re}`, async () => {
    const rows = (await problemRows().allInnerTexts()).map(squash);
    return rows.some((r) => re.test(r)) ? rows : false;
  });
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

const expectedFiles = Object.fromEntries(
  fs.readdirSync(WORKSPACE_SRC).map((f) => [f, fs.readFileSync(path.join(WORKSPACE_SRC, f), 'utf8')]),
);

let exitCode = 0;
try {
  writeUserSettings();
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  await check('the .vsix installs into code-server', async () => {
    const r = spawnSync(CODE_SERVER, [...codeServerArgs, '--install-extension', VSIX], {
      env: serverEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    fs.writeFileSync(path.join(OUT, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) {
      throw new Error(`code-server --install-extension exited ${r.status}: ${r.stderr}`);
    }
    const installed = fs.readdirSync(extensions).filter((d) => d.startsWith('lever.lever-'));
    if (installed.length !== 1) {
      throw new Error(`expected one lever.lever-* in the extensions dir, found ${JSON.stringify(installed)}`);
    }
    return installed[0];
  });

  await check('code-server starts on 127.0.0.1 and the workbench opens the workspace', async () => {
    const port = await freePort();
    const log = fs.createWriteStream(path.join(OUT, 'code-server.log'));
    server = spawn(
      CODE_SERVER,
      [...codeServerArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
        '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', WS],
      { env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // run.sh kills this process group too, should this script die without cleaning up.
    fs.writeFileSync(path.join(OUT, 'code-server.pgid'), String(server.pid));
    server.stdout.pipe(log);
    server.stderr.pipe(log);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('code-server did not start listening')), TIMEOUT);
      const onData = (b) => {
        if (/HTTP server listening/.test(b.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.on('exit', (code) => reject(new Error(`code-server exited early (${code}): see code-server.log`)));
    });
    result.timings.codeServerListening = Date.now() - started;
    browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 760 },
      // Chromium's crash reporter writes under $XDG_CONFIG_HOME even with its own profile.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config') },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WS)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await page.getByRole('treeitem', { name: 'users.py', exact: true }).waitFor({ timeout: TIMEOUT });
    result.timings.workbenchReady = Date.now() - started;
  });

  await check('python: an unparameterized-sql squiggle and its Problems entry with rule id and message', async () => {
    await openFile('users.py');
    await squiggles('users.py', 'error').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    result.timings.firstDiagnostic = Date.now() - started;
    await page.keyboard.press('Control+Shift+M'); // The Problems panel.
    const rows = await problemsPanelRows(/SQL built by string formatting reaches `execute`/);
    const row = rows.find((r) => /SQL built by string formatting/.test(r));
    for (const want of ['unparameterized-sql', 'lever', '[Ln 7, Col 23]']) {
      if (!row.includes(want)) {
        throw new Error(`the Problems row lacks ${JSON.stringify(want)}: ${JSON.stringify(row)}`);
      }
    }
    const count = await squiggles('users.py', 'error').count();
    const diagnostics = rows.filter((r) => /\[Ln \d+, Col \d+\]/.test(r));
    if (diagnostics.length !== 1) {
      throw new Error(`expected exactly one diagnostic (duplicates would mean push and pull), got ${JSON.stringify(rows)}`);
    }
    await screenshot('python-diagnostic');
    return { row, squiggleSpans: count };
  });

  await check('python: hovering the squiggle shows the message and the rule docs', async () => {
    const squiggle = squiggles('users.py', 'error').first();
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const text = await until('the hover with the rule docs', async () => {
      const hovers = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
      const all = squash(hovers.join('\n'));
      return /SQL built by string formatting reaches/.test(all) && /What it flags/.test(all) ? all : false;
    });
    for (const want of ['unparameterized-sql', 'SQL built by string formatting or concatenation and executed']) {
      if (!text.includes(want)) {
        throw new Error(`the hover lacks ${JSON.stringify(want)}: ${JSON.stringify(text.slice(0, 400))}`);
      }
    }
    await screenshot('python-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    return text.slice(0, 300);
  });

  await check('the status bar item shows the server found on PATH, running', async () => {
    const label = await until('a "running" Lever status item', async () => {
      const l = await statusLabel();
      return l && /running/.test(l) ? l : false;
    });
    if (!label.includes('lever 0.1.0') && !/lever \d+\.\d+/.test(label)) {
      throw new Error(`the status item does not name the server version: ${label}`);
    }
    if (!label.includes('(lever lsp)')) {
      throw new Error(`expected the server from PATH (\`lever lsp\`): ${label}`);
    }
    return label;
  });

  await check('python: typing the fix makes the diagnostic go', async () => {
    await clickLine('users.py', 'return db.execute');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.insertText('return db.execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchall()');
    await until('the fixed line in the editor', async () => (await editorText('users.py')).includes('name = ?", (name,))'));
    await until('no squiggle in users.py', async () => (await squiggles('users.py', 'error').count()) === 0);
    await until('no unparameterized-sql row in Problems', async () => {
      const rows = (await problemRows().allInnerTexts()).join('\n');
      return !rows.includes('unparameterized-sql');
    });
    await screenshot('python-fixed');
  });

  await check('typescript: an index-loop squiggle and its Problems entry', async () => {
    await openFile('total.ts');
    await squiggles('total.ts', 'warning').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    const rows = await problemsPanelRows(/index-loop/);
    const row = rows.find((r) => r.includes('index-loop'));
    for (const want of ['`i` is only used to index `prices`', '[Ln 4, Col 3]']) {
      if (!row.includes(want)) {
        throw new Error(`the Problems row lacks ${JSON.stringify(want)}: ${JSON.stringify(row)}`);
      }
    }
    await screenshot('typescript-diagnostic');
    return row;
  });

  await check('"Lever: Show Rule Docs" opens the docs of the rule under the cursor', async () => {
    await clickLine('total.ts', 'for (let i');
    await runCommand('Lever: Show Rule Docs');
    await page.locator('.tab', { hasText: 'index-loop.md' }).first().waitFor({ timeout: TIMEOUT });
    // The Markdown preview is a webview: its text is in a nested frame.
    const text = await until('the rendered docs in the preview', async () => {
      for (const frame of page.frames()) {
        const body = await frame.locator('body').innerText({ timeout: 500 }).catch(() => '');
        if (body.includes('What it flags') && body.includes('index-loop')) {
          return body;
        }
      }
      return false;
    });
    await screenshot('rule-docs');
    return text.slice(0, 200);
  });

  await check('the quick fix "Suppress `index-loop` on this line" inserts the comment', async () => {
    await clickLine('total.ts', 'for (let i');
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Suppress `index-loop` on this line' });
    await item.first().waitFor({ timeout: TIMEOUT });
    const menu = squash((await page.locator('.action-widget').first().innerText()).replace(/\n+/g, ' | '));
    await screenshot('typescript-quick-fix');
    await item.first().click();
    await until('the lever-ignore comment above the loop', async () => {
      const lines = await editorLines('total.ts');
      const at = lines.findIndex((l) => l.includes('// lever-ignore: index-loop -- <reason>'));
      return at >= 0 && lines[at + 1]?.includes('for (let i') ? lines.join('\n') : false;
    });
    await until('no squiggle in total.ts', async () => (await squiggles('total.ts', 'warning').count()) === 0);
    await screenshot('typescript-suppressed');
    return menu;
  });

  await check('lever.rules in the settings turns index-loop into an error, live', async () => {
    await clickLine('total.ts', 'lever-ignore');
    await page.keyboard.press('Control+Z');
    await until('the comment to be undone', async () => !(await editorText('total.ts')).includes('lever-ignore'));
    await squiggles('total.ts', 'warning').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    writeLeverSettings({ 'lever.rules': { 'index-loop': 'error' } });
    await squiggles('total.ts', 'error').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    await until('no warning squiggle left', async () => (await squiggles('total.ts', 'warning').count()) === 0);
    await screenshot('rules-setting');
  });

  await check('"Lever: Show Output" shows the Lever output, with the LSP traffic (lever.trace.server)', async () => {
    await runCommand('Lever: Show Output');
    const text = await until('the Lever output with traced messages', async () => {
      const t = squash(await page.locator('.part.panel .monaco-editor .view-lines').first().innerText());
      return /\[Trace - [^\]]+\] (Sending|Received) (request|response|notification)/.test(t) ? t : false;
    });
    const log = leverLog();
    if (!/starting lever lsp \(lever \d+\.\d+\.\d+\)/.test(log) || !log.includes("Sending request 'initialize")) {
      throw new Error(`the Lever log lacks the start or the traced initialize: ${JSON.stringify(log.slice(0, 500))}`);
    }
    await screenshot('output');
    await page.keyboard.press('Control+Shift+M'); // Back to the Problems panel.
    return text.split('\n').slice(-3).join('\n');
  });

  await check('"Lever: Restart Server" starts a new server, and the diagnostics come back', async () => {
    const starts = () => (leverLog().match(/starting lever lsp/g) ?? []).length;
    const before = starts();
    await clickLine('total.ts', 'for (let i');
    await runCommand('Lever: Restart Server');
    await until('a second "starting lever lsp" in the Lever log', async () => starts() > before);
    await until('a running status item', async () => /running/.test((await statusLabel()) ?? ''));
    await squiggles('total.ts', 'error').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    return `${starts()} starts`;
  });

  await check('lever.enable = false clears the diagnostics and the status item says so', async () => {
    writeLeverSettings({ 'lever.rules': { 'index-loop': 'error' }, 'lever.enable': false });
    await until('no squiggle in total.ts', async () => (await squiggles('total.ts', 'error').count()) === 0);
    const label = await until('a "diagnostics are off" status item', async () => {
      const l = await statusLabel();
      return l && /diagnostics are off/.test(l) ? l : false;
    });
    return label;
  });

  await check('a lever.server.path that does not run gives one clear error', async () => {
    writeLeverSettings({ 'lever.rules': { 'index-loop': 'error' }, 'lever.server.path': '/nonexistent/lever' });
    const toasts = page.locator('.notifications-toasts .notification-toast');
    const text = await until('the error notification', async () => {
      const all = squash((await toasts.allInnerTexts()).join('\n'));
      return all.includes('/nonexistent/lever') ? all : false;
    });
    for (const want of ['`lever.server.path` is', '--version', 'failed (not found)', 'Set `lever.server.path`']) {
      if (!text.replace(/`/g, '').includes(want.replace(/`/g, ''))) {
        throw new Error(`the notification lacks ${JSON.stringify(want)}: ${JSON.stringify(text)}`);
      }
    }
    const lever = (await toasts.allInnerTexts()).filter((t) => t.includes('Lever'));
    if (lever.length !== 1) {
      throw new Error(`expected one Lever notification, got ${JSON.stringify(lever)}`);
    }
    const label = await until('the error in the status item', async () => {
      const l = await statusLabel();
      return l && l.includes('/nonexistent/lever') ? l : false;
    });
    await screenshot('bad-server-path');
    return { notification: text, status: label };
  });

  await check('lever.server.path set to the binary restarts the server, and diagnostics come back', async () => {
    writeLeverSettings({ 'lever.rules': { 'index-loop': 'error' }, 'lever.server.path': LEVER });
    const label = await until('a running status item naming the configured path', async () => {
      const l = await statusLabel();
      return l && /running/.test(l) && l.includes(LEVER) ? l : false;
    });
    await squiggles('total.ts', 'error').first().waitFor({ state: 'attached', timeout: TIMEOUT });
    await screenshot('restarted');
    return label;
  });

  await check('nothing was saved: the workspace copy on disk is unchanged (auto save off)', async () => {
    for (const [file, text] of Object.entries(expectedFiles)) {
      if (fs.readFileSync(path.join(WS, file), 'utf8') !== text) {
        throw new Error(`${file} was written to disk`);
      }
    }
  });
} catch (e) {
  exitCode = 2;
  console.log(`FAIL harness error: ${e && e.stack ? e.stack : e}`);
} finally {
  if (failed && exitCode === 0) {
    exitCode = 1;
  }
  result.timings.total = Date.now() - started;
  // The extension host's logs (the Lever output channel among them) for a failed run.
  try {
    const logs = path.join(userData, 'logs');
    if (fs.existsSync(logs)) {
      fs.cpSync(logs, path.join(OUT, 'vscode-logs'), { recursive: true });
    }
  } catch {}
  await cleanup();
  fs.writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 2));
  console.log(`e2e.mjs: ${result.checks.filter((c) => c.status === 'passed').length} of ${result.checks.length} checks passed in ${elapsed()}`);
  process.exit(exitCode);
}
