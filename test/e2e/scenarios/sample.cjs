// E2E scenarios on the placeholder and the bundled sample comparison: placeholder panel, sample streaming,
// blind screenshot, keyboard vote, reveal, and the Diff / Patch views.
'use strict';
const { runCommand, webviewFrame } = require('../../harness/host.cjs');
const { innerFrame, waitSlotsFinal, shot, frameHtml, focusCompareBody, scrollView, KnownBug } = require('../hostHelpers.cjs');

const SAMPLE_NAMES = ['recorded-model-a', 'recorded-model-b'];

/** The "how to pin a paper" quick pick's brief row (visible while `Pairwise: Compare` asks for a paper). */
function pinPrompt(page) {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Type a short brief' });
}

/** Opens the compare panel on its placeholder: `Pairwise: Compare` with no paper pinned asks for one; Escape. */
async function openPlaceholder(ctx, { slowWebview = false } = {}) {
  const { page } = ctx;
  // slowWebview: hold VS Code's webview host page back 2.5 s (as on a slow machine) so the prompt opens first.
  const slow = /\/webview\/browser\/pre\/index\.html/;
  const hold = async (route) => { await new Promise((r) => setTimeout(r, 2500)); await route.continue().catch(() => {}); };
  if (slowWebview) await page.context().route(slow, hold);
  await runCommand(page, 'Pairwise: Compare');
  const h1 = webviewFrame(page).locator('#placeholder h1');
  await h1.waitFor({ timeout: 30000 });
  // No paper is pinned yet, so the command asks for one over the panel: dismiss it to see the placeholder.
  // Race (reported UI bug): the new panel's webview can take focus once it has loaded, which closes the prompt.
  await pinPrompt(page).waitFor({ state: 'attached', timeout: 30000 });
  if (slowWebview) await page.waitForTimeout(1200); // the focus moves to the webview shortly after it has loaded
  ctx.state.pinPromptLost = !(await pinPrompt(page).waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false));
  if (slowWebview) await page.context().unroute(slow, hold);
  if (!ctx.state.pinPromptLost) await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  ctx.state.panelOpen = true;
  return h1;
}

/** Check 1: the placeholder panel with its "Pairwise" heading and start buttons. */
async function placeholder(ctx) {
  await ctx.check(`placeholder panel (${ctx.theme})`, async () => {
    const h1 = await openPlaceholder(ctx, { slowWebview: true });
    const heading = (await h1.textContent()) ?? '';
    if (heading.trim() !== 'Pairwise') throw new Error(`heading is "${heading}"`);
    const f = webviewFrame(ctx.page);
    const buttons = await f.locator('#placeholder button[data-command]').allTextContents();
    if (!buttons.some((b) => /Open sample comparison/.test(b))) throw new Error(`placeholder buttons: ${buttons.join(' | ')}`);
    await ctx.page.waitForTimeout(300);
    await shot(ctx.page, ctx.out, `placeholder-${ctx.theme}`, ctx.theme);
  });
  await ctx.check(`placeholder: the paper prompt stays open while the new panel loads (${ctx.theme})`, async () => {
    if (ctx.state.pinPromptLost) {
      throw new KnownBug('the "Pin Paper" quick pick closed by itself: runCompare opens the placeholder panel (preserveFocus false) '
        + 'before asking for a paper, and when the webview finishes loading it takes focus, which dismisses the quick pick; '
        + 'Compare then silently does nothing (intermittent in real use; here the webview host page is held back 2.5 s to make it certain)');
    }
  });
}

/** Records every data-status change of the two columns inside the webview (survives re-renders). */
async function watchStatuses(page) {
  const frame = await innerFrame(page);
  const token = Math.random().toString(36).slice(2);
  await frame.evaluate((t) => {
    const w = /** @type {any} */ (window);
    w.__pwToken = t;
    w.__pwStatusLog = [];
    w.__pwStatusObs?.disconnect();
    const root = document.getElementById('compare');
    w.__pwStatusObs = new MutationObserver((muts) => {
      for (const m of muts) {
        const t = /** @type {HTMLElement} */ (m.target);
        const slot = t.classList.contains('pw-slot-left') ? 'left' : t.classList.contains('pw-slot-right') ? 'right' : '';
        if (slot) w.__pwStatusLog.push({ slot, status: t.dataset.status, chars: t.querySelector('.pw-slot-body')?.textContent?.length ?? 0 });
      }
    });
    w.__pwStatusObs.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  }, token);
  return async () => {
    const now = await innerFrame(page);
    const r = await now.evaluate(() => ({ token: /** @type {any} */ (window).__pwToken, log: /** @type {any} */ (window).__pwStatusLog }));
    if (now !== frame || r.token !== token) throw new Error('the webview was reloaded while its statuses were watched');
    return r.log;
  };
}

/** Opens the sample and waits for both sides to finish; returns the status log. */
async function runSample(ctx) {
  if (!ctx.state.panelOpen) await openPlaceholder(ctx);
  const readLog = await watchStatuses(ctx.page);
  await runCommand(ctx.page, 'Pairwise: Open Sample Comparison');
  await waitSlotsFinal(ctx.page, 60000);
  ctx.state.sampleOpen = true;
  return readLog();
}

/** Check 2: sample streams in both columns, blind screenshot, keyboard vote (1, Ctrl+Enter), reveal. */
async function sample(ctx) {
  const { page, theme } = ctx;
  const f = webviewFrame(page);
  let log = [];
  await ctx.check(`sample: both columns stream and finish (${theme})`, async () => {
    log = await runSample(ctx);
    for (const slot of ['left', 'right']) {
      const seen = log.filter((e) => e.slot === slot).map((e) => e.status);
      const si = seen.indexOf('streaming'), di = seen.lastIndexOf('done');
      if (si < 0 || di < si) throw new Error(`${slot} column statuses were ${seen.join(' → ') || '(none)'}: expected streaming then done`);
    }
    const routes = await f.locator('.pw-route:not([hidden])').allTextContents();
    if (routes.length !== 2) throw new Error(`expected 2 route badges, got ${routes.join(', ')}`);
  });
  await ctx.check(`sample: draft titles keep their inline code intact (${theme})`, async () => {
    const titles = (await f.locator('.pw-draft-title').allTextContents()).map((t) => t.trim());
    const broken = titles.filter((t) => (t.match(/`/g) ?? []).length % 2 === 1);
    if (broken.length) {
      throw new KnownBug(`title shown as "${broken[0]}": the answer's title ends in \`tinyattn/softmax.py\` and plainLine() `
        + '(src/core/prompt/answerFields.ts) strips the closing backtick as if it were decoration');
    }
  });
  await ctx.check(`sample: rendered view shows the draft, not the answer's section markers (${theme})`, async () => {
    const rendered = (await f.locator('.pw-slot-body .pw-markdown').allTextContents()).join('\n');
    const markers = ['===ROUTE===', '===TITLE===', '===BODY===', '===PATCH===', '===REASON==='].filter((m) => rendered.includes(m));
    if (markers.length) {
      throw new KnownBug(`the Rendered tab renders the raw answer: ${markers.join(', ')} appear as text and the PATCH section `
        + 'is rendered as markdown (in draft A it runs into the table); expected the parsed body (and the patch only in the Patch tab)');
    }
  });
  await ctx.check(`sample: blind (labels A/B, no model names) (${theme})`, async () => {
    const labels = (await f.locator('h2.pw-slot-label').allTextContents()).map((s) => s.trim());
    if (labels.join(',') !== 'A,B') throw new Error(`slot labels are ${labels.join(',')}`);
    const badge = (await f.locator('.pw-header .pw-badge').first().textContent())?.trim();
    if (badge !== 'Blind') throw new Error(`header badge is "${badge}"`);
    const html = await frameHtml(page);
    const leaked = SAMPLE_NAMES.filter((n) => html.includes(n));
    if (leaked.length) throw new Error(`model names visible while blind: ${leaked.join(', ')}`);
    const workbench = await page.locator('.monaco-workbench').innerText();
    const leakedWb = SAMPLE_NAMES.filter((n) => workbench.includes(n));
    if (leakedWb.length) throw new Error(`model names in the workbench while blind: ${leakedWb.join(', ')}`);
    await shot(page, ctx.out, `sample-blind-${theme}`, theme);
  });
  await ctx.check(`sample: keyboard vote 1 + Ctrl+Enter reveals identities (${theme})`, async () => {
    await focusCompareBody(page);
    await page.keyboard.press('1');
    const choice = f.locator('#pw-choice-left');
    await choice.and(f.locator(':checked')).waitFor({ timeout: 5000 }).catch(async () => {
      throw new Error(`key 1 did not select "left" (verdict heading: ${await f.locator('#pw-verdict-title').textContent()})`);
    });
    const frame = await innerFrame(page);
    const tag = await frame.evaluate(() => document.activeElement?.tagName ?? '');
    if (tag === 'TEXTAREA' || tag === 'INPUT') throw new Error(`focus moved into a ${tag} before saving`);
    await page.keyboard.press('Control+Enter');
    const reveal = f.locator('p.pw-reveal');
    await reveal.waitFor({ state: 'visible', timeout: 10000 });
    const text = (await reveal.textContent()) ?? '';
    for (const n of SAMPLE_NAMES) if (!text.includes(n)) throw new Error(`reveal line "${text}" lacks ${n}`);
    // Each column's head names its model once (the label) and its provider; the model id is not repeated.
    const heads = await f.locator('.pw-slot-head').allTextContents();
    const squash = (t) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
    for (const n of SAMPLE_NAMES) {
      const head = heads.find((h) => squash(h).includes(squash(n)));
      if (!head) throw new Error(`no column head names ${n}: ${heads.join(' | ')}`);
      if (squash(head).split(squash(n)).length > 2) throw new KnownBug(`the column head repeats the model name: "${head}"`);
    }
    const heading = await f.locator('#pw-verdict-title').textContent();
    if (heading !== 'Verdict saved') throw new Error(`verdict heading is "${heading}"`);
    const badge = (await f.locator('.pw-header .pw-badge').first().textContent())?.trim();
    if (badge !== 'Revealed') throw new Error(`header badge is "${badge}"`);
    // The sample says the verdict was not recorded. Headless chromium has no window focus, so VS Code keeps the
    // notification out of the toasts; its screen-reader alert carries the text.
    await page.locator('.monaco-alert', { hasText: 'your verdict was not recorded' }).waitFor({ state: 'attached', timeout: 10000 });
    await scrollView(page, 'top');
    await shot(page, ctx.out, `sample-revealed-${theme}`, theme);
    await scrollView(page, 'bottom');
    await shot(page, ctx.out, `sample-verdict-${theme}`, theme);
    await scrollView(page, 'top');
  });
}

/** Clicks a view tab (Rendered / Raw / Diff / Patch) of the compare view. */
async function selectTab(page, label) {
  const f = webviewFrame(page);
  await f.locator('button.pw-tab', { hasText: label }).click();
  await f.locator('button.pw-tab[aria-selected="true"]', { hasText: label }).waitFor({ timeout: 5000 });
}

/** Check 3: the Diff and Patch views of the sample (patch lists tinyattn/softmax.py with +/− counts). */
async function views(ctx) {
  const { page, theme } = ctx;
  const f = webviewFrame(page);
  if (!ctx.state.sampleOpen) await ctx.check(`views: sample opened (${theme})`, () => runSample(ctx));
  await ctx.check(`views: diff view (${theme})`, async () => {
    await selectTab(page, 'Diff');
    const table = f.locator('.pw-diff-pane table.pw-diff');
    await table.waitFor({ timeout: 10000 });
    const rows = await f.locator('.pw-diff-pane tr.pw-diff-change').count();
    if (rows < 5) throw new Error(`diff shows only ${rows} changed rows`);
    const summary = (await f.locator('.pw-diff-summary').textContent()) ?? '';
    if (!/lines only in the left draft/.test(summary)) throw new Error(`diff summary: ${summary}`);
    if (!(await f.locator('.pw-slot-body').first().isHidden())) throw new Error('column bodies still visible in the diff view');
    await shot(page, ctx.out, `sample-diff-${theme}`, theme);
  });
  await ctx.check(`views: patch view lists tinyattn/softmax.py with +/− counts (${theme})`, async () => {
    await selectTab(page, 'Patch');
    const file = f.locator('li.pw-patch-file', { hasText: 'tinyattn/softmax.py' });
    const warning = f.locator('.pw-patch .pw-note.pw-tone-warn');
    await file.or(warning).first().waitFor({ timeout: 10000 });
    if (await warning.count()) {
      const msg = (await warning.first().textContent())?.trim();
      await shot(page, ctx.out, `sample-patch-${theme}`, theme);
      await selectTab(page, 'Rendered');
      throw new KnownBug(`the sample's patch does not parse, so the Patch view shows "${msg}" instead of the file list `
        + '(src/core/sample/sampleDrafts.ts: hunk header @@ -9,6 +9,14 @@ but the hunk has 5 old / 10 new lines)');
    }
    const plus = (await file.locator('.pw-plus').textContent())?.trim();
    const minus = (await file.locator('.pw-minus').textContent())?.trim();
    if (plus !== '+7' || minus !== '−2') throw new Error(`softmax.py shows ${plus} ${minus}, expected +7 −2`);
    const other = await f.locator('.pw-slot-body p.pw-muted', { hasText: 'issue route' }).count();
    if (other !== 1) throw new Error('the issue-route column does not say it has no patch');
    const addLines = await f.locator('.pw-patch-text .pw-line-add').count();
    if (addLines !== 7) throw new Error(`patch text highlights ${addLines} added lines, expected 7`);
    await shot(page, ctx.out, `sample-patch-${theme}`, theme);
    await selectTab(page, 'Rendered');
  });
}

module.exports = { placeholder, sample, views, openPlaceholder, selectTab, watchStatuses, pinPrompt };
