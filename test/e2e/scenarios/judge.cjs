// E2E: the LLM judge in the compare panel, in every theme. A blind run against the mock providers, then the panel's
// "Ask judge" button: consent modal, both orders to the mock judge (side B's server answering in the judge format),
// the card says only "answered — after your verdict" (no verdict or reason in the webview's DOM), then the vote and
// the judge's verdict, per-order answers, reasons, cost and latency; axe stays clean on the card.
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { webviewFrame } = require('../../harness/host.cjs');
const { waitSlotsFinal, shot, frameHtml, focusCompareBody, scrollView, startCompareRun, clickDialogButton, clearNotifications, pinBrief } = require('../hostHelpers.cjs');
const { runAxe, describe, controlsNamed } = require('../a11y.cjs');

const PR = '===ROUTE===\nPR\n===TITLE===\nStable softmax in tinyattn (judged)\n===BODY===\n'
  + '`softmax()` in `tinyattn/softmax.py` exponentiates raw logits, so rows with logits above ~709 overflow.\n\n'
  + '**Change**: subtract the row maximum first; the output is identical for small logits and no pass is added.\n'
  + '===PATCH===\ndiff --git a/tinyattn/softmax.py b/tinyattn/softmax.py\n--- a/tinyattn/softmax.py\n+++ b/tinyattn/softmax.py\n'
  + '@@ -3,5 +3,6 @@ import numpy as np\n \n def softmax(x):\n     """Row-wise softmax."""\n-    e = np.exp(x)\n'
  + '+    m = x.max(axis=-1, keepdims=True)\n+    e = np.exp(x - m)\n     return e / e.sum(axis=-1, keepdims=True)\n';
const ISSUE = '===ROUTE===\nISSUE\n===TITLE===\nSoftmax may overflow (judged)\n===BODY===\n`tinyattn/softmax.py` calls `np.exp` first.\n';
const REASON = 'Mock judge (rule longer)';

function readResults(workspace) {
  const file = path.join(workspace, '.pairwise', 'results.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : [];
}

/** Check: Ask judge on a blind comparison, the verdict only after yours; screenshots and axe. */
async function judge(ctx) {
  const { page, theme, mocks } = ctx;
  const f = webviewFrame(page);
  await ctx.check(`judge: a blind run, then "Ask judge" in the panel asks consent and sends both orders (${theme})`, async () => {
    await mocks.setScenario('a', { type: 'ok', text: PR, ttftMs: 100, tokensPerSec: 400 });
    await mocks.setScenario('b', { type: 'ok', text: ISSUE, ttftMs: 150, tokensPerSec: 400 });
    if (!ctx.state.pinned) { // pin first, with no panel opening under the prompt (the focus race startCompareRun works around)
      await pinBrief(page, 'Make softmax in tinyattn numerically stable with the online normalizer.');
      ctx.state.pinned = true;
    }
    await startCompareRun(page, mocks);
    for (const slot of ['left', 'right']) await f.locator(`section.pw-slot-${slot} .pw-draft-title`, { hasText: '(judged)' }).waitFor({ timeout: 60000 });
    await waitSlotsFinal(page, 60000);
    await mocks.setScenario('b', { type: 'judge', rule: 'longer', ttftMs: 200, tokensPerSec: 300 });
    const before = await mocks.requests();
    const ask = f.locator('button.pw-ask-judge');
    await ask.waitFor({ timeout: 30000 });
    await ask.click();
    const text = await clickDialogButton(page, 'Ask Judge');
    if (!/Ask mockj:judge-model to judge this comparison\?/.test(text) || !/127\.0\.0\.1/.test(text) || !/Estimated cost/.test(text)) throw new Error(`consent dialog says: ${text}`);
    await f.locator('.pw-judge[data-status="withheld"]').waitFor({ timeout: 60000 });
    const after = await mocks.requests();
    if (after.b - before.b !== 2) throw new Error(`the judge made ${after.b - before.b} calls, expected 2 (both orders)`);
  });
  await ctx.check(`judge: blind — the webview holds no judge verdict or reason before the human verdict (${theme})`, async () => {
    const html = await frameHtml(page);
    if (html.includes(REASON) || /pw-judge-verdict|pw-judge-order/.test(html)) throw new Error('the judge\'s answer reached the webview before the verdict');
    const line = (await f.locator('.pw-judge').innerText()).replace(/\s+/g, ' ');
    if (!/its verdict and reasons show after you save yours/.test(line)) throw new Error(`judge card says: ${line}`);
    const records = readResults(ctx.workspace);
    const comp = records.filter((r) => r.type === 'comparison').pop();
    const amend = records.find((r) => r.type === 'amend' && r.target === comp.id && r.rater === 'judge:mockj:judge-model');
    if (!amend || amend.judge?.orders?.length !== 2) throw new Error('no judge amend with both orders in results.jsonl');
    await clearNotifications(page);
    await scrollView(page, 'top');
    await shot(page, ctx.out, `judge-withheld-${theme}`, theme);
  });
  await ctx.check(`judge: after the vote the card shows the verdict, both orders, reasons, cost and latency (${theme})`, async () => {
    await focusCompareBody(page);
    await page.keyboard.press('3'); // tie: the human's own call
    await page.keyboard.press('Control+Enter');
    const card = f.locator('.pw-judge[data-status="answered"]');
    await card.waitFor({ timeout: 30000 });
    const verdict = (await card.locator('.pw-judge-verdict').innerText()).trim();
    if (!/Prefers (left|right) · mocka:model-a/.test(verdict)) throw new Error(`judge verdict line: ${verdict}`);
    if ((await card.locator('.pw-judge-order').count()) !== 2) throw new Error('not two order blocks');
    const reasons = await card.locator('.pw-judge-reason').allInnerTexts();
    if (reasons.length !== 2 || !reasons.every((r) => r.includes(REASON))) throw new Error(`reasons: ${reasons.join(' | ')}`);
    const outcome = (await card.locator('.pw-judge-outcome').innerText()).trim();
    if (outcome !== 'Consistent') throw new Error(`outcome badge: ${outcome}`);
    const figures = (await card.locator('.pw-judge-figures').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (figures.length !== 2 || !figures.every((t) => /^Total \d+(\.\d)? (ms|s) Cost /.test(t))) throw new Error(`per-order figures: ${figures.join(' | ')}`);
    await clearNotifications(page);
    await scrollView(page, 'top');
    await shot(page, ctx.out, `judge-answered-${theme}`, theme);
  });
  await ctx.check(`judge: axe 0 serious/critical on the answered card, every control named (${theme})`, async () => {
    const r = await runAxe(page);
    const named = await controlsNamed(page);
    console.log(`  axe judge card: ${r.rules} rules, ${r.bad.length} serious/critical`);
    if (r.bad.length) throw new Error(`axe: ${describe(r.bad)}`);
    if (named.problems.length) throw new Error(`unnamed controls: ${named.problems.slice(0, 10).join(' | ')}`);
  });
}

module.exports = { judge };
