#!/usr/bin/env node
// E2E: what a person sees of Pairwise in the real VS Code host (code-server's VS Code server + headless
// chromium), in the dark and light themes. One host per theme runs the scenarios in order; each scenario
// records named checks and saves screenshots under test-results/ (checked not blank, theme applied).
//   node test/e2e/screenshots.cjs [--only NAME[,NAME…]] [--theme dark|light]
// NAME: placeholder, sample, views, compare, failure, lifecycle, security, dashboard, judge, a11y (see test/e2e/README.md).
// Prints "e2e: N passed, N failed" last; exits non-zero when a check failed.
'use strict';
const path = require('node:path'), fs = require('node:fs'), os = require('node:os');
const { startHost, runCommand, ROOT } = require('../harness/host.cjs');
const { THEMES, startMocks, mockSettings, makeGitRepo, KnownBug } = require('./hostHelpers.cjs');
const sampleScenarios = require('./scenarios/sample.cjs');
const compareScenarios = require('./scenarios/compare.cjs');
const securityScenarios = require('./scenarios/security.cjs');
const dashboardScenarios = require('./scenarios/dashboard.cjs');
const lifecycleScenarios = require('./scenarios/lifecycle.cjs');
const a11yScenarios = require('./scenarios/a11y.cjs');
const judgeScenarios = require('./scenarios/judge.cjs');

/** Scenario order matters within a host: the placeholder needs no paper pinned; compare pins it. */
const SCENARIOS = [
  { name: 'placeholder', themes: ['dark', 'light'], run: sampleScenarios.placeholder },
  { name: 'sample', themes: ['dark', 'light', 'hc'], run: sampleScenarios.sample },
  { name: 'views', themes: ['dark', 'light', 'hc'], run: sampleScenarios.views },
  { name: 'compare', themes: ['dark'], run: compareScenarios.compare },
  { name: 'failure', themes: ['dark'], run: compareScenarios.failure },
  { name: 'lifecycle', themes: ['dark'], run: lifecycleScenarios.lifecycle },
  { name: 'security', themes: ['dark'], run: securityScenarios.security },
  { name: 'dashboard', themes: ['dark', 'light'], run: dashboardScenarios.dashboard },
  { name: 'judge', themes: ['dark', 'light', 'hc'], run: judgeScenarios.judge },
  { name: 'a11y', themes: ['dark', 'light', 'hc'], run: a11yScenarios.a11y },
];

function parseArgs(argv) {
  const o = { only: null, theme: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = a.includes('=') ? a.split('=')[1] : argv[++i]; if (!v) throw new Error(`${a} needs a value`); return v; };
    if (a.startsWith('--only')) o.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--theme')) o.theme = value();
    else throw new Error(`unknown argument ${a} (use --only NAME[,NAME] and/or --theme dark|light)`);
  }
  const names = SCENARIOS.map((s) => s.name);
  for (const n of o.only ?? []) if (!names.includes(n)) throw new Error(`no scenario "${n}" (have: ${names.join(', ')})`);
  if (o.theme && !THEMES[o.theme]) throw new Error(`no theme "${o.theme}"`);
  return o;
}

const OUT = path.join(ROOT, 'test-results');
const BASE_TMP = os.tmpdir(); // startHost points TMPDIR into its own throw-away dir
let passed = 0, failed = 0, skipped = 0;
let currentPage = null; // for a screenshot when a check fails
const timings = [];

/** Records one named check. */
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++; console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    if (e instanceof KnownBug) e.message = `REGRESSION of a fixed UI bug: ${e.message}`;
    failed++; console.log(`not ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n  ${String(e.stack || e).split('\n').slice(0, 5).join('\n  ')}`);
    const file = path.join(OUT, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
    if (currentPage) await currentPage.screenshot({ path: file }).then(() => console.log(`  screenshot: ${path.relative(ROOT, file)}`), () => {});
  }
  timings.push({ name, s: (Date.now() - t0) / 1000 });
}

/**
 * Records every tab, page, popup or window opened after the workbench page: playwright's own events (context
 * 'page', page 'popup') and, below playwright, the browser's new page targets (CDP Target.targetCreated), so a
 * link the webview host opened by itself is seen even if it lands outside the page's context.
 */
async function watchNewPages(browser, page) {
  const seen = [];
  const add = (kind, url, id) => { if (!seen.some((s) => s.id && s.id === id)) seen.push({ kind, url, id, at: Date.now() }); };
  page.context().on('page', (p) => add('context page', p.url(), null));
  page.on('popup', (p) => add('popup', p.url(), null));
  const cdp = await browser.newBrowserCDPSession();
  const known = new Set();
  const initial = await cdp.send('Target.getTargets');
  for (const t of initial.targetInfos) known.add(t.targetId);
  cdp.on('Target.targetCreated', ({ targetInfo: t }) => {
    if (!known.has(t.targetId) && (t.type === 'page' || t.type === 'tab' || t.type === 'other' && /^https?:/.test(t.url))) add(`browser target ${t.type}`, t.url, t.targetId);
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  return seen;
}

/** Runs the selected scenarios of one theme in one host. */
async function runTheme(theme, scenarios, mocks) {
  const tmpBase = fs.mkdtempSync(path.join(BASE_TMP, 'pairwise-e2e-'));
  const workspace = makeGitRepo(tmpBase);
  const settings = { 'workbench.colorTheme': THEMES[theme], 'pairwise.maxRetries': 0, ...mockSettings(mocks.urls) };
  const host = await startHost({ workspace, settings, env: { PAIRWISE_SAMPLE_SPEED: '20' } });
  const requests = [], dialogs = [], fromWorker = new Set();
  try {
    const { page } = await host.openPage();
    currentPage = page;
    const newPages = await watchNewPages(host.browser, page);
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => { if (r.fromServiceWorker()) fromWorker.add(r.url()); });
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss().catch(() => {}); });
    const ctx = { page, host, theme, mocks, workspace, out: OUT, check, state: {}, requests, dialogs, newPages };
    await check(`workbench ready, side bar closed (${theme})`, async () => {
      await runCommand(page, 'View: Close Primary Side Bar');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10000 });
    });
    for (const s of scenarios) await s.run(ctx);
    await check(`no request left the VS Code server, no browser dialog (${theme})`, async () => {
      const origin = new URL(host.base).origin;
      // Webview resources use https://*.vscode-resource.vscode-cdn.net URLs that the webview's service worker
      // answers from the VS Code server: allowed only when the response came from that worker.
      const local = (u) => u.startsWith(`${origin}/`) || /^(data|blob):/.test(u)
        || (/^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//.test(u) && fromWorker.has(u));
      const foreign = requests.filter((u) => !local(u));
      if (foreign.length) throw new Error(`requests to other origins:\n    ${[...new Set(foreign)].slice(0, 20).join('\n    ')}`);
      if (dialogs.length) throw new Error(`browser dialogs: ${dialogs.join(' | ')}`);
      if (newPages.length) throw new Error(`new tabs, pages or windows opened: ${newPages.map((p) => p.url || p.type).join(' | ')}`);
      console.log(`  ${requests.length} requests, all to ${origin}; no new tab, page or window`);
    });
  } finally {
    currentPage = null;
    await host.close();
    fs.rmSync(tmpBase, { recursive: true, force: true });
  }
}

(async () => {
  const opt = parseArgs(process.argv.slice(2));
  fs.mkdirSync(OUT, { recursive: true });
  const t0 = Date.now();
  const mocks = await startMocks();
  try {
    for (const theme of Object.keys(THEMES)) {
      if (opt.theme && opt.theme !== theme) continue;
      const chosen = SCENARIOS.filter((s) => s.themes.includes(theme) && (!opt.only || opt.only.includes(s.name)));
      if (!chosen.length) continue;
      const tt = Date.now();
      await runTheme(theme, chosen, mocks).catch((e) => check(`host (${theme})`, () => { throw e; }));
      console.log(`# ${theme}: ${((Date.now() - tt) / 1000).toFixed(1)} s`);
    }
  } finally { await mocks.close(); }
  console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed || !passed ? 1 : 0);
})().catch((e) => { console.error(e); console.log(`e2e: ${passed} passed, ${failed + 1} failed`); process.exit(1); });
