// E2E scenarios of a real comparison against the mock providers: pin a brief through the quick pick, consent
// in the modal dialog, both sides stream, vote, results file; then side B failing (401 and 500 + Retry).
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { runCommand, webviewFrame } = require('../../harness/host.cjs');
const { waitSlotsFinal, shot, frameHtml, focusCompareBody, scrollView, pickQuick, typeInput, startCompareRun, KnownBug } = require('../hostHelpers.cjs');
const { watchStatuses, selectTab, pinPrompt } = require('./sample.cjs');

const MODELS = ['model-a', 'model-b'];
const BRIEF = 'Make softmax in tinyattn numerically stable with the online normalizer (one pass, running max and sum).';

/** A well-formed PR draft touching tinyattn/softmax.py (+3 −1), tagged so a run can be told from the last one. */
function prDraft(tag) {
  return `===ROUTE===\nPR\n===TITLE===\nStable softmax in tinyattn (${tag})\n===BODY===\n`
    + '`softmax()` in `tinyattn/softmax.py` exponentiates raw logits, so rows with logits above ~709 overflow.\n\n'
    + '**Change**: subtract the row maximum first.\n\n- keeps the output identical for small logits\n- adds no pass over the data\n'
    + '===PATCH===\ndiff --git a/tinyattn/softmax.py b/tinyattn/softmax.py\n--- a/tinyattn/softmax.py\n+++ b/tinyattn/softmax.py\n'
    + '@@ -3,5 +3,7 @@ import numpy as np\n \n def softmax(x):\n     """Row-wise softmax."""\n-    e = np.exp(x)\n'
    + '+    # subtract the max: exp never overflows\n+    m = x.max(axis=-1, keepdims=True)\n+    e = np.exp(x - m)\n     return e / e.sum(axis=-1, keepdims=True)\n';
}

/** A well-formed issue draft, tagged. */
function issueDraft(tag) {
  return `===ROUTE===\nISSUE\n===TITLE===\nSoftmax overflows for large logits (${tag})\n===BODY===\n`
    + '## Summary\n`tinyattn/softmax.py` calls `np.exp` before subtracting the maximum.\n\n## Proposed experiments\n'
    + '1. Reproduce with logits of 1000.\n2. Compare against `scipy.special.softmax`.\n';
}

/** Reads the results file's records. */
function readResults(workspace) {
  const file = path.join(workspace, '.pairwise', 'results.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Check 4: a real compare run against the mock servers, start to verdict on disk. */
async function compare(ctx) {
  const { page, theme, mocks } = ctx;
  const f = webviewFrame(page);
  let readLog = null;
  await ctx.check(`compare: pin a brief via the quick pick, consent with Send (${theme})`, async () => {
    await mocks.setScenario('a', { type: 'ok', text: prDraft('run 1'), ttftMs: 150, tokensPerSec: 250 });
    await mocks.setScenario('b', { type: 'ok', text: issueDraft('run 1'), ttftMs: 300, tokensPerSec: 200 });
    const before = await mocks.requests();
    // The prompt can close by itself when a freshly created panel takes focus (reported race): ask again then.
    // It can also close a moment after it showed (the panel finishing its reload takes focus): pick only once it has
    // stayed open for a second, with a short click timeout, and start over otherwise.
    for (let attempt = 1; ; attempt++) {
      await runCommand(page, 'Pairwise: Compare');
      await pinPrompt(page).waitFor({ state: 'attached', timeout: 30000 });
      const shown = await pinPrompt(page).waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
      if (shown) await page.waitForTimeout(1000);
      if (shown && await pinPrompt(page).isVisible()) {
        readLog = await watchStatuses(page); // the panel is open under the quick pick
        const picked = await pickQuick(page, 'Type a short brief', 5000).then(() => true, () => false);
        if (picked) break;
      }
      if (attempt === 3) throw new Error('the paper prompt closed by itself three times');
      console.log('  note: the paper prompt closed by itself (focus race); running Compare again');
      await page.keyboard.press('Escape');
    }
    await typeInput(page, BRIEF, { title: 'brief' });
    const box = page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: 60000 });
    const text = await box.innerText();
    if (!/send this repo context to both providers/.test(text) || !/127\.0\.0\.1/.test(text)) throw new Error(`consent dialog says: ${text}`);
    const sent = await mocks.requests();
    if (sent.a !== before.a || sent.b !== before.b) throw new Error('a request reached a provider before consent');
    await shot(page, ctx.out, `compare-consent-${theme}`, theme);
    await box.locator('.dialog-buttons .monaco-button', { hasText: 'Send' }).first().click();
    await box.waitFor({ state: 'hidden', timeout: 10000 });
    ctx.state.pinned = true;
  });
  await ctx.check(`compare: both sides stream from the mocks and finish, blind (${theme})`, async () => {
    // The panel may still show the previous (final) run: wait for this run's titles first.
    for (const slot of ['left', 'right']) await f.locator(`section.pw-slot-${slot} .pw-draft-title`, { hasText: '(run 1)' }).waitFor({ timeout: 60000 });
    await waitSlotsFinal(page, 60000);
    const log = readLog ? await readLog() : [];
    for (const slot of ['left', 'right']) {
      const seen = log.filter((e) => e.slot === slot).map((e) => e.status);
      if (!seen.includes('streaming') || seen[seen.length - 1] !== 'done') throw new Error(`${slot} statuses: ${seen.join(' → ')}`);
    }
    const req = await mocks.requests();
    if (!req.hosts.every((h) => /^127\.0\.0\.1:\d+$/.test(h))) throw new Error(`mock saw hosts ${req.hosts.join(', ')}`);
    const labels = (await f.locator('h2.pw-slot-label').allTextContents()).map((s) => s.trim());
    if (labels.join(',') !== 'A,B') throw new Error(`slot labels are ${labels.join(',')}`);
    const html = await frameHtml(page);
    const leaked = MODELS.concat(['mocka', 'mockb', 'Mock Anthropic', 'Mock OpenAI']).filter((n) => html.includes(n));
    if (leaked.length) throw new Error(`identities visible while blind: ${leaked.join(', ')}`);
    const titles = await f.locator('.pw-draft-title').allTextContents();
    if (!titles.every((t) => t.includes('run 1'))) throw new Error(`draft titles: ${titles.join(' | ')}`);
    await shot(page, ctx.out, `compare-blind-${theme}`, theme);
  });
  await ctx.check(`compare: rating, notes and vote (key 2 + Ctrl+Enter) land in results.jsonl (${theme})`, async () => {
    const crit = await f.locator('table.pw-rubric input[type=radio]').first().getAttribute('name'); // pw-rate-<id>-left
    const critId = /^pw-rate-(.+)-left$/.exec(crit ?? '')?.[1];
    if (!critId) throw new Error(`unexpected rating input name ${crit}`);
    // Ratings and notes fold out beneath the verdict bar.
    if (!(await f.locator('details.pw-verdict-more[open]').count())) await f.locator('details.pw-verdict-more > summary').click();
    await f.locator(`label[for="pw-rate-${critId}-left-4"]`).click();
    await f.locator('#pw-notes').fill('e2e: left explains the overflow, right only files it');
    await focusCompareBody(page);
    await page.keyboard.press('2');
    await f.locator('#pw-choice-right:checked').waitFor({ timeout: 5000 });
    await page.keyboard.press('Control+Enter');
    await f.locator('p.pw-reveal').waitFor({ state: 'visible', timeout: 15000 });
    const records = readResults(ctx.workspace);
    const comp = records.filter((r) => r.type === 'comparison').pop();
    if (!comp) throw new Error(`no comparison record in results.jsonl (${records.length} records)`);
    if (comp.sides.a.model !== 'model-a' || comp.sides.b.model !== 'model-b') throw new Error(`sides: ${comp.sides.a.model} / ${comp.sides.b.model}`);
    if (comp.sides.a.status !== 'ok' || comp.sides.b.status !== 'ok') throw new Error(`side statuses: ${comp.sides.a.status} / ${comp.sides.b.status}`);
    if (comp.blind !== true) throw new Error('comparison not recorded as blind');
    const amend = records.filter((r) => r.type === 'amend' && r.target === comp.id).pop();
    if (!amend) throw new Error('no amend record with the verdict');
    const rightSide = comp.swapped ? 'a' : 'b', leftSide = comp.swapped ? 'b' : 'a';
    if (amend.verdict !== rightSide) throw new Error(`verdict ${amend.verdict}, expected ${rightSide} (right slot, swapped=${comp.swapped})`);
    if (amend.ratings?.[critId]?.[leftSide] !== 4) throw new Error(`ratings ${JSON.stringify(amend.ratings)}: expected ${critId}.${leftSide} = 4`);
    if (!/left explains/.test(amend.notes ?? '')) throw new Error(`notes: ${amend.notes}`);
    const reveal = (await f.locator('p.pw-reveal').textContent()) ?? '';
    const expectRight = `right was ${comp.swapped ? 'model-a' : 'model-b'}`;
    if (!reveal.includes(expectRight)) throw new Error(`reveal "${reveal}" does not say "${expectRight}"`);
    console.log(`  results.jsonl: comparison ${comp.id} (swapped=${comp.swapped}) + amend verdict=${amend.verdict}`);
    await scrollView(page, 'top');
    await shot(page, ctx.out, `compare-revealed-${theme}`, theme);
  });
  await ctx.check(`compare: patch view of the PR draft (${theme})`, async () => {
    await selectTab(page, 'Patch');
    const file = f.locator('li.pw-patch-file', { hasText: 'tinyattn/softmax.py' });
    await file.waitFor({ timeout: 10000 });
    const counts = `${(await file.locator('.pw-plus').textContent())?.trim()} ${(await file.locator('.pw-minus').textContent())?.trim()}`;
    if (counts !== '+3 −1') throw new Error(`softmax.py shows ${counts}, expected +3 −1`);
    await shot(page, ctx.out, `compare-patch-${theme}`, theme);
  });
  await ctx.check(`compare: "Open in diff editor" shows the patch in VS Code; the panel comes back intact (${theme})`, async () => {
    // A person takes a moment between choosing the tab and this button; the panel saves its tab choice throttled
    // (300 ms), and a choice made just before the panel is hidden was seen lost once (intermittent, reported).
    await page.waitForTimeout(600);
    await f.locator('li.pw-patch-file button', { hasText: 'Open in diff editor' }).first().click();
    const diff = page.locator('.editor-instance .monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 20000 });
    await page.locator('.tabs-container .tab.active', { hasText: 'softmax.py' }).waitFor({ timeout: 10000 });
    // The modified side renders its lines a moment after the editor shows (spaces as U+00A0): poll its text.
    let modified = '';
    for (const end = Date.now() + 20000; Date.now() < end; await page.waitForTimeout(250)) {
      modified = await diff.locator('.editor.modified .view-lines').first().innerText().catch(() => '');
      if (modified.replace(/\u00a0/g, ' ').includes('keepdims=True)')) break;
    }
    if (!/x\.max\(axis=-1/.test(modified.replace(/\u00a0/g, ' '))) throw new Error(`the modified side does not show the patched line:\n${modified.slice(0, 400)}`);
    await page.waitForTimeout(500);
    await shot(page, ctx.out, `compare-diff-editor-${theme}`, theme);
    await page.locator('.tabs-container .tab', { hasText: 'Pairwise' }).click(); // back to the panel, as a person would
    await diff.waitFor({ state: 'hidden', timeout: 10000 });
    // The panel is not retained while hidden: it reloads and restores its own state.
    await f.locator('.pw-draft-title', { hasText: '(run 1)' }).first().waitFor({ timeout: 20000 });
    const heading = await f.locator('#pw-verdict-title').textContent();
    if (heading !== 'Verdict saved') throw new Error(`after coming back the verdict heading is "${heading}"`);
    if (!(await f.locator('li.pw-patch-file', { hasText: 'tinyattn/softmax.py' }).isVisible())) throw new Error('the Patch tab was not restored');
    await selectTab(page, 'Rendered');
  });
}

/** Runs one comparison with side B on `scenarioB`; returns the failed slot's locator and name. */
async function runWithFailingB(ctx, tag, scenarioB) {
  await ctx.mocks.setScenario('a', { type: 'ok', text: prDraft(tag), ttftMs: 50 });
  await ctx.mocks.setScenario('b', scenarioB);
  await startCompareRun(ctx.page, ctx.mocks, { brief: BRIEF });
  ctx.state.pinned = true;
  const f = webviewFrame(ctx.page);
  await f.locator('.pw-draft-title', { hasText: tag }).waitFor({ timeout: 30000 });
  await waitSlotsFinal(ctx.page, 60000);
  await selectTab(ctx.page, 'Rendered').catch(() => {}); // an earlier check may have left another tab chosen
  const failedSlot = f.locator('section.pw-slot[data-status="failed"]');
  if (await failedSlot.count() !== 1) throw new Error(`expected one failed column, got ${await failedSlot.count()}`);
  const slot = (await failedSlot.getAttribute('class')).includes('pw-slot-left') ? 'left' : 'right';
  return { f, failedSlot, slot };
}

/** Check 4b: side B fails (401, then 500); the failed column says why; Retry where retrying can help. */
async function failure(ctx) {
  const { page, theme } = ctx;
  await ctx.check(`failure: side B 401 shows the message, no Retry, "only usable" verdicts (${theme})`, async () => {
    const { f, failedSlot, slot } = await runWithFailingB(ctx, 'run 401', { type: 'status', status: 401, message: 'invalid x-api-key' });
    const status = (await failedSlot.locator('.pw-status').textContent()) ?? '';
    if (!/rejected the API key \(401\)/.test(status)) throw new Error(`failed column status: ${status}`);
    if (await failedSlot.locator('button', { hasText: 'Retry this side' }).isVisible()) throw new Error('Retry offered for a 401 (retrying cannot help)');
    const other = slot === 'left' ? 'right' : 'left';
    const labels = await f.locator('label.pw-choice').allTextContents();
    const otherLabel = (await f.locator(`section.pw-slot-${other} h2.pw-slot-label`).textContent())?.trim();
    if (!labels.some((l) => l.includes(`${otherLabel} only usable`))) throw new Error(`verdict choices: ${labels.join(' | ')}`);
    if (!(await f.locator('#pw-choice-tie').isDisabled())) throw new Error('Tie is enabled although one side failed');
    const html = await frameHtml(page);
    const leaked = ['Mock OpenAI', 'Mock Anthropic', 'model-b', 'mockb'].filter((n) => html.includes(n));
    if (leaked.length) {
      const where = leaked.map((n) => { const i = html.indexOf(n); return html.slice(Math.max(0, i - 160), i + 40).replace(/\s+/g, ' '); });
      throw new Error(`the webview names ${leaked.join(', ')} while blind:\n    …${where.join('…\n    …')}…`);
    }
    await scrollView(page, 'top');
    await shot(page, ctx.out, `failure-401-${theme}`, theme);
  });
  await ctx.check(`failure: the failed column shows no stale "Queued." body and no route badge (${theme})`, async () => {
    const f = webviewFrame(page);
    const col = f.locator('section.pw-slot[data-status="failed"]');
    const body = ((await col.locator('.pw-slot-body').textContent()) ?? '').trim();
    const badge = (await col.locator('.pw-route').isVisible()) ? ((await col.locator('.pw-route').textContent()) ?? '').trim() : '';
    const problems = [];
    if (body !== 'No output before the failure.') problems.push(`its body says "${body}" (webview/compare/bodyView.ts caches the empty-body text by text/patch/tab/masked only, so the "Queued." placeholder outlives the status change)`);
    if (badge) problems.push(`it carries a "${badge}" route badge (a side that produced nothing is parsed as an answer)`);
    if (problems.length) throw new KnownBug(`failed side B: ${problems.join('; ')}`);
  });
  await ctx.check(`failure: side B 500 shows Retry; Retry streams it again (${theme})`, async () => {
    const { f, failedSlot, slot } = await runWithFailingB(ctx, 'run 500', { type: 'status', status: 500, message: 'Internal server error' });
    const status = (await failedSlot.locator('.pw-status').textContent()) ?? '';
    if (!/server error \(500\)/.test(status)) throw new Error(`failed column status: ${status}`);
    const retry = failedSlot.locator('button', { hasText: 'Retry this side' });
    await retry.waitFor({ state: 'visible', timeout: 5000 });
    await scrollView(page, 'top');
    await shot(page, ctx.out, `failure-retry-${theme}`, theme);
    const before = await ctx.mocks.requests();
    await ctx.mocks.setScenario('b', { type: 'ok', text: issueDraft('run 500 retried'), ttftMs: 50 });
    await retry.click();
    const col = f.locator(`section.pw-slot-${slot}`);
    await col.locator('.pw-draft-title', { hasText: 'run 500 retried' }).waitFor({ timeout: 30000 });
    await f.locator(`section.pw-slot-${slot}[data-status="done"]`).waitFor({ timeout: 30000 });
    const after = await ctx.mocks.requests();
    if (after.b !== before.b + 1 || after.a !== before.a) throw new Error(`retry sent a ${after.a - before.a} / b ${after.b - before.b} requests`);
  });
}

module.exports = { compare, failure, prDraft, issueDraft, BRIEF };
