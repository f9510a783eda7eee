// Helpers for e2e checks and the render bench on top of test/harness/host.cjs: mock providers in a child
// process, a small git workspace, the webview's inner Frame, workbench quick input / dialog driving,
// slot waits and checked screenshots.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs'), path = require('node:path'), readline = require('node:readline');
const { ROOT, webviewFrame, runCommand } = require('../harness/host.cjs');
const { pngStats, meanLuminance } = require('./pngStats.cjs');

/** Names of the VS Code themes the suite renders in. */
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast' };
const FINAL = ['done', 'failed', 'truncated'];

/** Starts test/e2e/mockControl.ts (side a: Anthropic wire, side b: OpenAI wire); resolves when both listen. */
async function startMocks() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'mockControl.ts')],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout });
  const waiting = new Map();
  let onReady; const ready = new Promise((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (c) => reject(new Error(`mock providers exited (${c}) before they were ready`)));
    setTimeout(() => reject(new Error('mock providers did not start in 30 s')), 30000).unref();
  });
  rl.on('line', (line) => {
    let m; try { m = JSON.parse(line); } catch { return; }
    if (m.ready) onReady(m);
    else if (waiting.has(m.id)) { waiting.get(m.id)(m); waiting.delete(m.id); }
  });
  const urls = await ready;
  let next = 1;
  const ask = (cmd) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, (m) => (m.ok ? resolve(m) : reject(new Error(m.error))));
    child.stdin.write(`${JSON.stringify({ id, ...cmd })}\n`);
  });
  return {
    urls: { a: urls.a, b: urls.b },
    /** Sets side a's or b's scenario (one, or a list used one per request). */
    setScenario: (side, scenario) => ask({ op: 'scenario', side, scenario }),
    /** Request counts per side and the Host headers seen. */
    requests: () => ask({ op: 'requests' }),
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 3000).unref();
    }),
  };
}

/** User settings pointing sides A and B at the mock servers (no key needed); the judge talks to side B's server. */
function mockSettings(urls, extra = {}) {
  return {
    'pairwise.providers': { mocka: { kind: 'anthropic', baseUrl: urls.a, auth: 'none', label: 'Mock Anthropic' },
      mockb: { kind: 'openai-compatible', baseUrl: urls.b, auth: 'none', label: 'Mock OpenAI' },
      mockj: { kind: 'openai-compatible', baseUrl: urls.b, auth: 'none', label: 'Mock judge' } },
    'pairwise.sideA': 'mocka:model-a', 'pairwise.sideB': 'mockb:model-b', 'pairwise.judge.model': 'mockj:judge-model', ...extra,
  };
}

/** Creates a small committed git repo (a tiny attention library) in a new temp dir; returns its path. */
function makeGitRepo(baseDir) {
  const dir = fs.mkdtempSync(path.join(baseDir, 'pairwise-e2e-ws-'));
  const files = {
    'README.md': '# tinyattn\n\nA tiny NumPy attention library used by the Pairwise e2e tests.\n',
    'tinyattn/__init__.py': 'from .attention import attention\n',
    'tinyattn/softmax.py': 'import numpy as np\n\n\ndef softmax(x):\n    """Row-wise softmax."""\n    e = np.exp(x)\n    return e / e.sum(axis=-1, keepdims=True)\n',
    'tinyattn/attention.py': 'from .softmax import softmax\n\n\ndef attention(q, k, v):\n    """Scaled dot-product attention."""\n    return softmax(q @ k.T) @ v\n',
    'tests/test_softmax.py': 'from tinyattn.softmax import softmax\nimport numpy as np\n\n\ndef test_rows_sum_to_one():\n    assert np.allclose(softmax(np.ones((2, 3))).sum(-1), 1)\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const git = (...a) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'init.defaultBranch=main', ...a], { cwd: dir, stdio: 'ignore' });
  git('init', '-q'); git('add', '.'); git('commit', '-q', '-m', 'tinyattn');
  return dir;
}

/** The active webview's inner Frame (for evaluate); throws when no webview is ready in time. */
async function innerFrame(page, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const outerEl = await page.locator('iframe.webview.ready').last().elementHandle({ timeout: Math.max(1, end - Date.now()) });
    const outer = await outerEl.contentFrame();
    const innerEl = outer && await outer.$('#active-frame');
    const inner = innerEl && await innerEl.contentFrame();
    if (inner) return inner;
    if (Date.now() > end) throw new Error('webview inner frame not found');
    await page.waitForTimeout(200);
  }
}

/** Waits until the compare view shows a run whose two slots are both final (done / failed / truncated). */
async function waitSlotsFinal(page, timeout = 60000) {
  const f = webviewFrame(page);
  const sel = FINAL.map((s) => `[data-status="${s}"]`).join(',');
  for (const slot of ['left', 'right']) await f.locator(`section.pw-slot-${slot}`).and(f.locator(sel)).waitFor({ timeout });
}

/** The two slots' status kinds. */
async function slotStatuses(page) {
  const f = webviewFrame(page);
  return { left: await f.locator('section.pw-slot-left').getAttribute('data-status'), right: await f.locator('section.pw-slot-right').getAttribute('data-status') };
}

/** Picks an item of the open quick pick by (part of) its label. */
async function pickQuick(page, label, timeout = 30000) {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').waitFor({ state: 'visible', timeout });
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout });
  await row.click({ timeout });
}

/**
 * Pairwise: Pin Paper with a typed brief. The prompt can close under us (a panel taking focus on a loaded machine) or
 * sit behind a modal dialog: each try has short steps, and a try that fails closes what is open and runs the command again.
 */
async function pinBrief(page, brief, tries = 4) {
  const widget = page.locator('.quick-input-widget');
  for (let i = 1; ; i++) {
    try {
      await runCommand(page, 'Pairwise: Pin Paper');
      await pickQuick(page, 'Type a short brief', 8000);
      await typeInput(page, brief, { title: 'brief', timeout: 8000 });
      await widget.waitFor({ state: 'hidden', timeout: 8000 });
      return i;
    } catch (e) {
      if (i >= tries) throw e;
      if (await widget.isVisible()) await page.keyboard.press('Escape').catch(() => {});
    }
  }
}

/** Types into the open input box and presses Enter. */
async function typeInput(page, text, { title, timeout = 30000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  if (title) await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout });
  const input = widget.locator('input').first();
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text, { timeout });
  await page.keyboard.press('Enter');
}

/** Clicks a button of the workbench's modal dialog; returns the dialog's message text. */
async function clickDialogButton(page, label, timeout = 30000) {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout });
  const text = (await box.innerText()).trim();
  await box.locator('.dialog-buttons .monaco-button', { hasText: label }).first().click();
  await box.waitFor({ state: 'hidden', timeout });
  return text;
}

/** Dismisses every notification toast (they would cover the panel in screenshots). */
async function clearNotifications(page) {
  const toasts = page.locator('.notification-toast');
  for (let i = 0; i < 10 && await toasts.count(); i++) {
    const clear = page.locator('.notification-toast .codicon-notifications-clear, .notification-toast .codicon-close').first();
    if (await clear.count()) await clear.click({ force: true }).catch(() => {});
    else await page.keyboard.press('Escape');
    await page.waitForTimeout(150);
  }
}

/** Saves a full-window screenshot, checks it is not blank and that the theme's brightness fits; returns stats. */
async function shot(page, outDir, name, theme) {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  const s = pngStats(file);
  if (s.distinctColors < 8 || s.dominantShare > 0.97) throw new Error(`${name}.png looks blank: ${JSON.stringify(s)}`);
  const lum = meanLuminance(file);
  if (theme === 'light' ? lum < 140 : lum > 110) throw new Error(`${name}.png: ${theme} theme not applied (mean luminance ${lum.toFixed(0)})`); // dark and high contrast are dark
  console.log(`  ${path.relative(ROOT, file)}: ${s.distinctColors} colours, luminance ${lum.toFixed(0)}`);
  return { file, ...s, luminance: lum };
}

/**
 * The inner frame's whole DOM as HTML (text, attributes and hidden nodes included), without VS Code's
 * acquireVsCodeApi shim: after a webview reload that script embeds the state the webview saved last (e.g. an
 * earlier, already revealed comparison), which is not shown to anyone.
 */
async function frameHtml(page) {
  return (await innerFrame(page)).evaluate(() => {
    const doc = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
    doc.querySelector('script#_vscodeApiScript')?.remove();
    return doc.outerHTML;
  });
}

/** Focuses a neutral, non-editable spot of the compare view (a column body) so digit keys mean votes. */
async function focusCompareBody(page) {
  const f = webviewFrame(page);
  await f.locator('section.pw-slot-left .pw-slot-body').focus();
  const active = await (await innerFrame(page)).evaluate(() => ({ tag: document.activeElement?.tagName ?? '', cls: String(document.activeElement?.className ?? '') }));
  if (/^(TEXTAREA|INPUT|SELECT)$/.test(active.tag)) throw new Error(`focus is in a ${active.tag}, not the view body`);
  return active;
}

/** Scrolls the compare view's document to its top or bottom. */
async function scrollView(page, where) {
  const frame = await innerFrame(page);
  await frame.evaluate((w) => { const e = document.scrollingElement ?? document.documentElement; e.scrollTo(0, w === 'top' ? 0 : e.scrollHeight); }, where);
  await page.waitForTimeout(150);
}

/** Thrown by a check that found one of the UI bugs the e2e suite once caught (all fixed): a regression, counted as failed. */
class KnownBug extends Error {}

/**
 * Runs `Pairwise: Compare` and answers what it asks on the way: pins `brief` when asked for a paper, clicks
 * Send on the one-time consent dialog. Resolves when both mock servers have received one more request.
 */
async function startCompareRun(page, mocks, { brief = 'Make softmax in tinyattn numerically stable with the online normalizer.', timeout = 60000 } = {}) {
  const before = await mocks.requests();
  await runCommand(page, 'Pairwise: Compare');
  const pinTitle = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Type a short brief' });
  const dialog = page.locator('.monaco-dialog-box');
  const end = Date.now() + timeout;
  const asked = [];
  let idleSince = Date.now(), rerun = 0;
  for (;;) {
    if (await pinTitle.isVisible()) {
      asked.push('paper');
      // The prompt can close under us (a panel taking focus) or sit behind a modal dialog (inert): each step has a
      // short timeout, and a step that fails leaves the loop to look again (and to run Compare again if idle).
      try {
        await pickQuick(page, 'Type a short brief', 5000);
        await typeInput(page, brief, { title: 'brief', timeout: 5000 });
        await pinTitle.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => {});
      } catch (e) {
        asked.push(`paper step failed (${String(e.message ?? e).split('\n')[0].slice(0, 80)})`);
        if (await page.locator('.quick-input-widget').isVisible() && !(await dialog.isVisible())) await page.keyboard.press('Escape').catch(() => {});
      }
      idleSince = Date.now();
    } else if (await dialog.isVisible()) {
      asked.push('consent');
      await clickDialogButton(page, 'Send');
      idleSince = Date.now();
    } else {
      const now = await mocks.requests();
      if (now.a > before.a && now.b > before.b) return { asked, requests: now };
      // A prompt that closed by itself (focus race, see the placeholder check) leaves Compare doing nothing: ask again once.
      if (rerun < 3 && Date.now() - idleSince > 8000 && !(await page.locator('.quick-input-widget').isVisible())) {
        rerun++; asked.push('rerun'); idleSince = Date.now();
        await runCommand(page, 'Pairwise: Compare');
      }
    }
    if (Date.now() > end) throw new Error(`compare did not reach both mock servers in ${timeout / 1000} s (asked: ${asked.join(', ') || 'nothing'})`);
    await page.waitForTimeout(150);
  }
}

module.exports = {
  scrollView, KnownBug, startCompareRun,
  THEMES, FINAL, startMocks, mockSettings, makeGitRepo, innerFrame, waitSlotsFinal, slotStatuses, pickQuick, typeInput, pinBrief,
  clickDialogButton, clearNotifications, shot, frameHtml, focusCompareBody,
};
