#!/usr/bin/env node
// E2E of the README's first command where desktop VS Code is missing: scripts/serve.ts (what install.sh runs then)
// serves VS Code in the browser with the packaged Pairwise and the sample workspace. This test packages the built
// dist/ as a .vsix, starts serve.ts without any API key in its environment, opens the URL it prints in chromium,
// pins the sample paper through the file prompt, consents, lets the local demo providers stream, saves a verdict
// from the keyboard and finds it in the sample workspace's results.jsonl. Prints "tryit: N passed, N failed" last.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs'), os = require('node:os'), path = require('node:path'), readline = require('node:readline');
const { runCommand, webviewFrame, missingHost, ROOT } = require('../harness/host.cjs');
const { pickQuick, waitSlotsFinal, focusCompareBody, shot } = require('./hostHelpers.cjs');

const OUT = path.join(ROOT, 'test-results');
const KEY_VARS = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ZAI_API_KEY', 'BASETEN_API_KEY', 'OPENROUTER_API_KEY', 'MOONSHOT_API_KEY', 'PAIRWISE_SIDE_A', 'PAIRWISE_SIDE_B'];
let passed = 0, failed = 0, page = null;

async function check(name, fn) {
  const t0 = Date.now();
  try { await fn(); passed++; console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`); } catch (e) {
    failed++; console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
    if (page) await page.screenshot({ path: path.join(OUT, `FAILED-tryit-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => {});
    throw e;
  }
}

/** Starts serve.ts; resolves with the printed URL and everything it printed before. */
function startServe(vsix, state) {
  const env = { ...process.env };
  for (const k of KEY_VARS) delete env[k];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/serve.ts'), '--vsix', vsix, '--state', state],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const url = new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (l) => {
      printed += `${l}\n`;
      const m = /^Pairwise in VS Code \(browser\): (\S+)$/.exec(l);
      if (m) setTimeout(() => resolve(m[1]), 300); // the lines after the URL
    });
    child.stderr.on('data', (d) => { printed += d; });
    child.once('exit', (c) => reject(new Error(`serve.ts exited (${c}) before printing a URL:\n${printed}`)));
    setTimeout(() => reject(new Error(`serve.ts printed no URL in 180 s:\n${printed}`)), 180000).unref();
  });
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
  return { url, printed: () => printed, stop, child };
}

(async () => {
  const why = missingHost();
  if (why) throw new Error(why);
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-tryit-'));
  const state = path.join(tmp, 'state');
  let serve = null, browser = null;
  try {
    const vsix = path.join(tmp, 'pairwise.vsix');
    await check('the built extension packages as a .vsix', async () => {
      if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/ is not built (node scripts/build.mjs)');
      execFileSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
        '--no-rewrite-relative-links', '-o', vsix], { cwd: ROOT, stdio: 'pipe' });
    });
    let url = '';
    await check('serve.ts prints a 127.0.0.1 URL with a connection token, and says the providers are local demos', async () => {
      serve = startServe(vsix, state);
      url = await serve.url;
      const u = new URL(url);
      if (u.hostname !== '127.0.0.1') throw new Error(`host ${u.hostname}`);
      if (!/^[0-9a-f]{48}$/.test(u.searchParams.get('tkn') ?? '')) throw new Error(`no connection token in ${url}`);
      const text = serve.printed();
      if (!/both sides are the local DEMO providers \(mock servers on 127\.0\.0\.1, not real models\)/.test(text)) throw new Error(`printed:\n${text}`);
      if (!/side A: demo-local-a:demo-mock-pr-writer/.test(text)) throw new Error(`printed:\n${text}`);
    });
    await check('without the token the server refuses the workbench', async () => {
      const u = new URL(url);
      const res = await fetch(`${u.origin}/`);
      if (res.status < 400) throw new Error(`GET / without the token answered ${res.status}`);
    });
    const repo = new URL(url).searchParams.get('folder');
    const { chromium } = require(path.join(ROOT, 'node_modules/playwright-core'));
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await check('the printed URL opens the workbench on the sample workspace with Pairwise installed', async () => {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60000 });
      const title = await page.title();
      if (!/tiny-service/.test(title)) throw new Error(`window title "${title}"`);
    });
    await check('the sample opens in Restricted Mode; trusting it (as serve.ts says) enables Pairwise', async () => {
      // Workspace trust stays on in the served VS Code: Pairwise never sends from an untrusted folder.
      const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();
      await restricted.waitFor({ timeout: 30000 });
      // Only a visible Trust button counts (the workbench keeps hidden ones). On a loaded machine the first click may
      // only show the status item's hover: try again, then open the trust editor from the command palette.
      const trust = page.getByRole('button', { name: 'Trust', exact: true }).locator('visible=true').first();
      for (let attempt = 0; ; attempt++) {
        if (attempt < 2) await restricted.click();
        else await runCommand(page, 'Workspaces: Manage Workspace Trust');
        const shown = await trust.waitFor({ timeout: 15000 }).then(() => true, () => false);
        if (shown) break;
        if (attempt >= 2) {
          await page.screenshot({ path: path.join(OUT, 'FAILED-tryit-trust-editor.png') });
          throw new Error('no visible Trust button after clicking Restricted Mode twice and opening Manage Workspace Trust');
        }
        await page.keyboard.press('Escape');
      }
      await trust.click();
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 30000 });
      const modal = page.getByRole('dialog', { name: 'Workspace Trust' });
      for (let i = 0; i < 5 && await modal.count(); i++) { await page.keyboard.press('Escape'); await page.waitForTimeout(500); }
      // Newer workbenches show the trust editor as a modal editor that Escape may not close: use its close button.
      for (let i = 0; i < 3 && await modal.count(); i++) {
        const close = modal.locator('.codicon-close, [aria-label^="Close"]').last();
        if (await close.count()) await close.click().catch(() => undefined);
        await page.waitForTimeout(500);
      }
      if (await modal.count()) throw new Error('the Workspace Trust editor did not close');
    });
    await check('Compare: pin the sample paper as a file, consent, both demo sides stream and finish', async () => {
      await runCommand(page, 'Pairwise: Compare');
      await pickQuick(page, 'PDF, Markdown, TeX or text file', 60000);
      // VS Code's own file dialog (a quick input holding a path): type the paper's full path.
      const input = page.locator('.quick-input-widget input').first();
      await input.waitFor({ state: 'visible', timeout: 30000 });
      await page.waitForTimeout(500);
      await input.fill(path.join(repo, 'papers/memoizing-pure-loaders.md'));
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      const box = page.locator('.monaco-dialog-box');
      await box.waitFor({ state: 'visible', timeout: 60000 });
      const text = await box.innerText();
      if (!/127\.0\.0\.1/.test(text)) throw new Error(`consent dialog says: ${text}`);
      await box.locator('.dialog-buttons .monaco-button', { hasText: 'Send' }).first().click();
      await waitSlotsFinal(page, 90000);
      const f = webviewFrame(page);
      const titles = await f.locator('.pw-draft-title').allTextContents();
      if (!titles.some((t) => /Memoize load_config/.test(t))) throw new Error(`draft titles: ${titles.join(' | ')}`);
    });
    await check('a keyboard verdict (1, Ctrl+Enter) is saved and found in results.jsonl', async () => {
      const f = webviewFrame(page);
      await focusCompareBody(page);
      await page.keyboard.press('1');
      await f.locator('#pw-choice-left:checked').waitFor({ timeout: 5000 });
      await page.keyboard.press('Control+Enter');
      await f.locator('p.pw-reveal').waitFor({ state: 'visible', timeout: 15000 });
      const file = path.join(repo, '.pairwise', 'results.jsonl');
      const records = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      const comp = records.find((r) => r.type === 'comparison');
      if (!comp) throw new Error(`no comparison in ${file}`);
      if (comp.sides.a.model !== 'demo-mock-pr-writer' || comp.sides.b.model !== 'demo-mock-issue-writer') throw new Error(`sides ${comp.sides.a.model} / ${comp.sides.b.model}`);
      const amend = records.find((r) => r.type === 'amend' && r.target === comp.id);
      const leftSide = comp.swapped ? 'b' : 'a';
      if (!amend || amend.verdict !== leftSide) throw new Error(`verdict ${amend?.verdict}, expected ${leftSide} (left slot, swapped=${comp.swapped})`);
      const reveal = (await f.locator('p.pw-reveal').textContent()) ?? '';
      if (!/demo-mock-/.test(reveal)) throw new Error(`reveal line "${reveal}" does not name the demo models`);
      console.log(`  ${path.relative(tmp, file)}: comparison ${comp.id} + amend verdict=${amend.verdict}`);
      await shot(page, OUT, 'tryit-verdict-light', 'light');
    });
  } catch { /* the failed check is counted and printed */ } finally {
    await browser?.close().catch(() => {});
    serve?.stop();
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
  console.log(`tryit: ${passed} passed, ${failed} failed`);
  process.exit(failed || !passed ? 1 : 0);
})().catch((e) => { console.error(e); console.log(`tryit: ${passed} passed, ${failed + 1} failed`); process.exit(1); });
