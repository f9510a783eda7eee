// E2E accessibility, in every theme: axe-core inside the real webview on the compare view (blind, Diff, Patch,
// revealed) and on the dashboard — 0 serious or critical violations; every control has a role and a name; stream
// status and the saved verdict reach the live region; the whole verdict flow done with the keyboard alone.
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { runCommand, webviewFrame } = require('../../harness/host.cjs');
const { innerFrame, waitSlotsFinal, shot, scrollView } = require('../hostHelpers.cjs');
const { runAxe, describe, controlsNamed, liveText } = require('../a11y.cjs');
const { selectTab } = require('./sample.cjs');
const { records } = require('./dashboard.cjs');

/** Waits until the active webview is the compare view (another panel's frame may still be going away). */
async function compareView(page, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const view = await innerFrame(page, 5000).then((fr) => fr.evaluate(() => document.body.dataset.view).catch(() => ''), () => '');
    if (view === 'compare' && await page.locator('iframe.webview.ready').count() === 1) return;
    if (Date.now() > end) throw new Error(`the compare view did not come up (active view: ${view || 'none'})`);
    await page.waitForTimeout(250);
  }
}

/** Runs axe and the role/name audit on the current webview; throws on any serious/critical violation or unnamed control. */
async function audit(page, what) {
  const r = await runAxe(page);
  const named = await controlsNamed(page);
  const minor = r.violations.filter((v) => !r.bad.includes(v));
  console.log(`  axe ${what}: ${r.rules} rules, ${r.bad.length} serious/critical, ${minor.length} minor${minor.length ? ` (${minor.map((v) => `${v.impact} ${v.id}`).join(', ')})` : ''}; ${named.n} controls named`);
  const problems = [];
  if (r.bad.length) problems.push(`axe: ${describe(r.bad)}`);
  if (named.problems.length) problems.push(`controls without a role or a name:\n    ${named.problems.slice(0, 10).join('\n    ')}`);
  if (problems.length) throw new Error(`${what}:\n    ${problems.join('\n    ')}`);
}

/** The element that has focus inside the webview: tag, id, role, text. */
async function focused(page) {
  const frame = await innerFrame(page);
  return frame.evaluate(() => {
    const a = document.activeElement;
    return { tag: a?.tagName ?? '', id: a?.id ?? '', cls: String(a?.className ?? ''), text: (a?.textContent ?? '').trim().slice(0, 40), type: a?.getAttribute('type') ?? '' };
  });
}

/** Presses Tab (or Shift+Tab) until `want(focused)` holds; returns how many presses it took. */
async function tabTo(page, want, what, { back = false, max = 80 } = {}) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (want(await focused(page))) return i;
  }
  throw new Error(`${max} × ${back ? 'Shift+Tab' : 'Tab'} never reached ${what} (focus: ${JSON.stringify(await focused(page))})`);
}

/** Checks: axe + names on the compare view (blind, Diff, Patch), the keyboard-only verdict, revealed, then the dashboard. */
async function a11y(ctx) {
  const { page, theme } = ctx;
  const f = webviewFrame(page);
  await ctx.check(`a11y: sample blind — axe 0 serious/critical, every control named, stream status announced (${theme})`, async () => {
    await runCommand(page, 'Pairwise: Open Sample Comparison');
    await compareView(page);
    // This run, not the one the panel showed before: the sample's repository, blind.
    await f.locator('.pw-header', { hasText: 'tinyattn (sample)' }).filter({ has: f.locator('.pw-badge', { hasText: /^Blind$/ }) }).waitFor({ timeout: 30000 });
    await waitSlotsFinal(page, 60000);
    await selectTab(page, 'Rendered');
    const live = await liveText(page);
    if (live.role !== 'status' || live.ariaLive !== 'polite') throw new Error(`live region: role=${live.role} aria-live=${live.ariaLive}`);
    if (!/Draft A: (Streaming|Done)/.test(live.text) || !/Draft B: (Streaming|Done)/.test(live.text)) throw new Error(`live region says "${live.text}": no stream status of both drafts`);
    await audit(page, `compare blind (${theme})`);
  });
  await ctx.check(`a11y: Diff and Patch views — axe 0 serious/critical (${theme})`, async () => {
    await selectTab(page, 'Diff');
    await f.locator('.pw-diff-pane table.pw-diff').waitFor({ timeout: 10000 });
    await audit(page, `compare diff (${theme})`);
    await selectTab(page, 'Patch');
    await f.locator('li.pw-patch-file').first().waitFor({ timeout: 10000 });
    await audit(page, `compare patch (${theme})`);
    await selectTab(page, 'Rendered');
  });
  await ctx.check(`a11y: the verdict flow with the keyboard alone: choose, rate, save; the save is announced (${theme})`, async () => {
    // Start in the view (the first column's body), then keys only.
    await f.locator('section.pw-slot-left .pw-slot-body').focus();
    const toChoice = await tabTo(page, (a) => a.tag === 'INPUT' && a.id.startsWith('pw-choice-'), 'a verdict choice');
    await page.keyboard.press('Space'); // checks the focused (first enabled) choice
    await page.keyboard.press('ArrowRight'); // radio group: moves to and checks the next choice
    await f.locator('#pw-choice-right:checked').waitFor({ timeout: 5000 }).catch(async () => { throw new Error(`arrow keys did not pick "B better" (focus ${JSON.stringify(await focused(page))})`); });
    await tabTo(page, (a) => a.tag === 'SUMMARY', 'the "Ratings and notes" toggle', { max: 5 });
    await page.keyboard.press('Enter');
    await f.locator('details.pw-verdict-more[open]').waitFor({ timeout: 5000 });
    await tabTo(page, (a) => a.tag === 'INPUT' && a.id.startsWith('pw-rate-'), 'a rating', { max: 5 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const rated = await f.locator('table.pw-rubric input[type=radio]:checked').count();
    if (rated !== 1) throw new Error(`${rated} ratings checked after the arrow keys`);
    await tabTo(page, (a) => a.tag === 'TEXTAREA', 'the notes', { max: 40 });
    await page.keyboard.type('keyboard only');
    await tabTo(page, (a) => a.tag === 'BUTTON' && /Save verdict/.test(a.text), 'Save verdict', { back: true, max: 60 });
    await page.keyboard.press('Enter');
    await f.locator('#pw-verdict-title', { hasText: 'Verdict saved' }).waitFor({ timeout: 10000 });
    await f.locator('p.pw-reveal').waitFor({ state: 'visible', timeout: 10000 });
    const live = await liveText(page);
    if (!/Verdict saved: B better/.test(live.text)) throw new Error(`live region says "${live.text}"`);
    if (!/Revealed: left was/.test(live.text)) throw new Error(`the reveal was not announced: "${live.text}"`);
    console.log(`  ${toChoice} × Tab to the verdict; live region: "${live.text.slice(-160)}"`);
    await page.waitForTimeout(300);
    await shot(page, ctx.out, `a11y-keyboard-verdict-${theme}`, theme);
  });
  await ctx.check(`a11y: revealed — axe 0 serious/critical; the saved verdict is visibly selected (${theme})`, async () => {
    await audit(page, `compare revealed (${theme})`);
    const saved = await f.locator('label.pw-choice:has(input:checked)').evaluate((l) => {
      const cs = getComputedStyle(l);
      return { opacity: cs.opacity, outline: cs.outlineStyle, bg: cs.backgroundColor, after: getComputedStyle(l, '::after').content };
    });
    if (Number(saved.opacity) < 1 || !/✓/.test(saved.after)) throw new Error(`saved verdict styling ${JSON.stringify(saved)}`);
    await scrollView(page, 'top');
  });
  await ctx.check(`a11y: dashboard — axe 0 serious/critical, every control named (${theme})`, async () => {
    const file = path.join(ctx.workspace, '.pairwise', 'results.jsonl');
    if (!fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes('e2e-dash-')) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, records());
    }
    await runCommand(page, 'Pairwise: Show Dashboard');
    const end = Date.now() + 90000; // a loaded machine: the host reads and computes before the first draw
    for (;;) {
      // The frame can be replaced while the panel loads (its first draw, a refresh): a detached frame is looked at again.
      const ok = await innerFrame(page, 5000).then((fr) => fr.evaluate(() => document.body.dataset.view === 'dashboard' && document.querySelectorAll('svg').length >= 3).catch(() => false), () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error('the dashboard did not draw its charts');
      await page.waitForTimeout(250);
    }
    for (let i = 1; ; i++) {
      try {
        await audit(page, `dashboard (${theme})`);
        break;
      } catch (e) {
        if (i >= 3 || !/detached/i.test(String(e.message ?? e))) throw e;
        await page.waitForTimeout(1000);
      }
    }
    // Back to the compare panel for the scenarios that follow.
    await page.locator('.tabs-container .tab', { hasText: /^Pairwise$/ }).first().click().catch(() => {});
  });
}

module.exports = { a11y };
