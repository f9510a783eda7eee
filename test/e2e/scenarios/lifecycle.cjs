// E2E: a run cancelled mid-stream from the panel, and a window reload that restores the panel without
// re-sending anything.
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { runCommand, webviewFrame } = require('../../harness/host.cjs');
const { startCompareRun, shot, waitSlotsFinal } = require('../hostHelpers.cjs');

const SLOW = { type: 'ok', chars: 6000, tokensPerSec: 25, ttftMs: 200 };

/** The last comparison record in the workspace's results file. */
function lastComparison(workspace) {
  const lines = fs.readFileSync(path.join(workspace, '.pairwise', 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return lines.filter((r) => r.type === 'comparison').pop();
}

/** Polls until both slots carry one of the given statuses. */
async function waitStatuses(page, kinds, timeout = 30000) {
  const f = webviewFrame(page);
  const sel = kinds.map((k) => `[data-status="${k}"]`).join(',');
  for (const slot of ['left', 'right']) await f.locator(`section.pw-slot-${slot}`).and(f.locator(sel)).waitFor({ timeout });
}

/** Checks: Cancel run stops both streams and records them as cancelled; a reload restores without re-sending. */
async function lifecycle(ctx) {
  const { page, mocks } = ctx;
  await ctx.check(`lifecycle: "Cancel run" mid-stream stops both sides and records them cancelled (${ctx.theme})`, async () => {
    await mocks.setScenario('a', SLOW); await mocks.setScenario('b', SLOW);
    await startCompareRun(page, mocks);
    await waitStatuses(page, ['streaming']);
    const before = await mocks.requests();
    await webviewFrame(page).getByRole('button', { name: 'Cancel run' }).click();
    await waitSlotsFinal(page, 20000);
    const statuses = [await webviewFrame(page).locator('section.pw-slot-left').getAttribute('data-status'), await webviewFrame(page).locator('section.pw-slot-right').getAttribute('data-status')];
    if (statuses.some((s) => s !== 'failed')) throw new Error(`after cancel the slots are ${statuses.join(', ')}`);
    await shot(page, ctx.out, `cancelled-${ctx.theme}`, ctx.theme);
    const end = Date.now() + 10000;
    let rec;
    while (Date.now() < end && !(rec && /cancel/i.test(rec.sides.a.errorKind ?? ''))) { await page.waitForTimeout(250); rec = lastComparison(ctx.workspace); }
    if (!rec || rec.sides.a.errorKind !== 'cancelled' || rec.sides.b.errorKind !== 'cancelled') throw new Error(`last record: ${JSON.stringify(rec?.sides)}`);
    await page.waitForTimeout(1500);
    const after = await mocks.requests();
    if (after.a !== before.a || after.b !== before.b) throw new Error('a cancelled side was sent again');
  });
  await ctx.check(`lifecycle: a window reload restores the panel and sends nothing (${ctx.theme})`, async () => {
    await mocks.setScenario('a', { type: 'ok' }); await mocks.setScenario('b', { type: 'ok' });
    await startCompareRun(page, mocks);
    await waitSlotsFinal(page);
    const titles = await webviewFrame(page).locator('section[class*="pw-slot-"]').allInnerTexts();
    const before = await mocks.requests();
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60000 });
    const f = webviewFrame(page);
    await f.locator('section.pw-slot-left').waitFor({ timeout: 60000 });
    await waitSlotsFinal(page, 30000);
    const restored = await f.locator('section[class*="pw-slot-"]').allInnerTexts();
    const firstLine = (t) => t.split('\n').slice(0, 4).join(' ');
    if (firstLine(restored[0]) !== firstLine(titles[0])) throw new Error(`restored column differs:\n${firstLine(restored[0])}\nvs\n${firstLine(titles[0])}`);
    await page.waitForTimeout(1500);
    const after = await mocks.requests();
    if (after.a !== before.a || after.b !== before.b) throw new Error('the reload re-sent a request');
    await shot(page, ctx.out, `reloaded-${ctx.theme}`, ctx.theme);
  });
}

module.exports = { lifecycle };
