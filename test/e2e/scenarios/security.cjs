// E2E security scenario: every hostile fixture (test/fixtures/hostile/*.md) and a generated 5 MB single line
// are streamed by the mock providers as a model's answer and rendered in the real webview. Asserts: no script
// ran (alert/confirm/prompt/open canaries, no browser dialog), no CSP violation (nothing even tried to load or
// run), no active element or remote image in the DOM, no navigation, links only through the host's confirm
// dialog, and the layout stays usable. Links: a click or Enter on an allowed link opens no tab, page or window
// before VS Code's confirm dialog is answered (links carry no href at all). Network and new tabs: the host-level
// checks after all scenarios (screenshots.cjs).
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { ROOT, webviewFrame, runCommand } = require('../../harness/host.cjs');
const { waitSlotsFinal, shot, innerFrame, startCompareRun, scrollView, clickDialogButton, KnownBug } = require('../hostHelpers.cjs');
const { selectTab } = require('./sample.cjs');
const { BRIEF } = require('./compare.cjs');

const HOSTILE_DIR = path.join(ROOT, 'test/fixtures/hostile');
const HUGE_BYTES = 5 * 1024 * 1024;

/** The generated 5 MB single line (see test/fixtures/hostile/README.md). */
function hugeSingleLine() {
  const unit = `${'A'.repeat(1024)} [x](javascript:alert(1)) <img src=x onerror=alert(1)> `;
  return unit.repeat(Math.ceil(HUGE_BYTES / unit.length)).slice(0, HUGE_BYTES);
}

/** A model answer carrying hostile markdown in its body and a hostile title. */
function hostileAnswer(name, tag, body) {
  return `===ROUTE===\nISSUE\n===TITLE===\nHostile ${name} <img src=x onerror=alert('title')> (${tag})\n===BODY===\n${body}\n`;
}

/** Installs canaries and a CSP-violation recorder in the webview's inner frame; returns a reader. */
async function armFrame(page) {
  const frame = await innerFrame(page);
  await frame.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__pwSec = { violations: [], calls: [] };
    if (!w.__pwSecArmed) {
      w.__pwSecArmed = true;
      document.addEventListener('securitypolicyviolation', (e) => w.__pwSec.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample ?? ''}`.trim()));
      for (const k of ['alert', 'confirm', 'prompt', 'print', 'open']) w[k] = (...a) => { w.__pwSec.calls.push(`${k}(${a.map(String).join(',')})`); return null; };
    }
  });
  const url = frame.url();
  return { frame, url, read: () => frame.evaluate(() => /** @type {any} */ (window).__pwSec) };
}

/** DOM audit of the rendered drafts: active elements, handlers, styles, remote images, link targets. */
async function auditDom(frame) {
  return frame.evaluate(() => {
    const problems = [];
    // VS Code's own acquireVsCodeApi shim carries no nonce; every other script must be the nonce'd bundle.
    const scripts = [...document.scripts].filter((s) => s.id !== '_vscodeApiScript');
    for (const s of scripts) if (!s.nonce && !s.hasAttribute('nonce')) problems.push(`script without nonce: ${s.outerHTML.slice(0, 80)}`);
    if (scripts.length !== 1) problems.push(`${scripts.length} scripts besides VS Code's shim`);
    const drafts = [...document.querySelectorAll('section.pw-slot, .pw-diff-pane')];
    const active = 'script, iframe, frame, object, embed, svg, math, style, form, input, button:not(.pw-button):not(.pw-link-button), base, meta, link, video, audio, source, details, textarea, select';
    for (const d of drafts) {
      for (const e of d.querySelectorAll(active)) problems.push(`<${e.tagName.toLowerCase()}> in a draft`);
      for (const e of d.querySelectorAll('[style]')) problems.push(`style attribute on <${e.tagName.toLowerCase()}>`);
      // No <a> and no href at all: the webview host opens a real href at once, whatever the page's handler does.
      for (const a of d.querySelectorAll('a, area')) problems.push(`<${a.tagName.toLowerCase()}> in a draft (href ${a.getAttribute('href')?.slice(0, 60)})`);
      for (const e of d.querySelectorAll('[href], [xlink\\:href], [action], [formaction]')) problems.push(`navigable attribute on <${e.tagName.toLowerCase()}>`);
      for (const e of d.querySelectorAll('[data-pw-link]')) {
        const target = e.getAttribute('data-pw-link') ?? '';
        if (!/^(https?:|mailto:)/i.test(target.trim())) problems.push(`link to ${target.slice(0, 60)}`);
        if (e.tagName !== 'SPAN' || e.getAttribute('role') !== 'link' || e.getAttribute('tabindex') !== '0') problems.push(`link is not a focusable span[role=link]: <${e.tagName.toLowerCase()}>`);
      }
    }
    for (const e of document.querySelectorAll('*')) {
      for (const at of e.attributes) if (/^on/i.test(at.name)) problems.push(`${at.name} on <${e.tagName.toLowerCase()}>`);
    }
    for (const img of document.images) if (!/^data:image\/(png|gif|jpe?g|webp);base64,/i.test(img.getAttribute('src') ?? '')) problems.push(`image ${img.getAttribute('src')?.slice(0, 60)}`);
    const placeholders = document.querySelectorAll('.pw-image-placeholder').length;
    return { problems, placeholders };
  });
}

/** Layout check: two columns side by side with real size, verdict choices visible, no horizontal overflow. */
async function auditLayout(page, frame) {
  const f = webviewFrame(page);
  const boxes = await Promise.all(['left', 'right'].map((s) => f.locator(`section.pw-slot-${s}`).boundingBox()));
  const problems = [];
  if (boxes.some((b) => !b || b.width < 200 || b.height < 80)) problems.push(`column boxes ${JSON.stringify(boxes)}`);
  else if (!(boxes[1].x > boxes[0].x + boxes[0].width - 1)) problems.push('columns are not side by side');
  const overflow = await frame.evaluate(() => { const e = document.scrollingElement ?? document.documentElement; return e.scrollWidth - e.clientWidth; });
  if (overflow > 2) problems.push(`the view scrolls sideways by ${overflow} px`);
  const choices = f.locator('label.pw-choice');
  if (await choices.count() !== 4) problems.push(`${await choices.count()} verdict choices`);
  await choices.first().scrollIntoViewIfNeeded();
  for (let i = 0; i < await choices.count(); i++) if (!(await choices.nth(i).isVisible())) problems.push(`verdict choice ${i + 1} hidden`);
  if (await f.locator('#pw-choice-left').isDisabled()) problems.push('voting did not open');
  await scrollView(page, 'top');
  return problems;
}

/** Streams one pair of hostile answers and audits the result; returns the frame for follow-ups. */
async function runPair(ctx, [nameA, textA], [nameB, textB], tag, shape = {}) {
  const { page, mocks } = ctx;
  const sec = await armFrame(page);
  const dialogsBefore = ctx.dialogs.length;
  await mocks.setScenario('a', { type: 'ok', text: hostileAnswer(nameA, tag, textA), ttftMs: 20, chunkChars: 48, tokensPerSec: 4000, ...shape.a });
  await mocks.setScenario('b', { type: 'ok', text: hostileAnswer(nameB, tag, textB), ttftMs: 20, chunkChars: 48, tokensPerSec: 4000, ...shape.b });
  const t0 = Date.now();
  await startCompareRun(page, mocks, { brief: BRIEF });
  const tSent = Date.now();
  const f = webviewFrame(page);
  for (const slot of ['left', 'right']) await f.locator(`section.pw-slot-${slot} .pw-draft-title`, { hasText: `(${tag})` }).waitFor({ timeout: 90000 });
  const tTitles = Date.now();
  await waitSlotsFinal(page, 90000);
  if (Date.now() - t0 > 5000) console.log(`  ${tag}: requests after ${((tSent - t0) / 1000).toFixed(1)} s, titles ${((tTitles - t0) / 1000).toFixed(1)} s, final ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.waitForTimeout(300); // let the last throttled render and any (blocked) load attempt happen
  const { frame } = sec;
  const problems = [];
  const seen = await sec.read();
  if (seen.calls.length) problems.push(`script ran: ${seen.calls.join(', ')}`);
  if (seen.violations.length) problems.push(`CSP violations (something in the DOM tried to load or run): ${seen.violations.slice(0, 5).join(' | ')}`);
  if (ctx.dialogs.length > dialogsBefore) problems.push(`browser dialog: ${ctx.dialogs.slice(dialogsBefore).join(' | ')}`);
  if (frame.url() !== sec.url || frame.isDetached()) problems.push(`the webview navigated to ${frame.url()}`);
  const dom = await auditDom(frame);
  problems.push(...dom.problems, ...await auditLayout(page, frame));
  if (problems.length) throw new Error(`${nameA} + ${nameB}:\n    ${problems.slice(0, 15).join('\n    ')}`);
  return { frame, f, placeholders: dom.placeholders };
}

/** Check 5: hostile output in the real webview. */
async function security(ctx) {
  const { page, theme } = ctx;
  const fixtures = fs.readdirSync(HOSTILE_DIR).filter((n) => n.endsWith('.md') && n !== 'README.md').sort()
    .map((n) => [n.replace(/\.md$/, ''), fs.readFileSync(path.join(HOSTILE_DIR, n), 'utf8')]);
  if (fixtures.length < 9) throw new Error(`expected the 9 hostile fixtures, found ${fixtures.length}`);
  const byName = Object.fromEntries(fixtures);
  const order = ['script-tags', 'event-handlers', 'svg-script', 'frames-objects', 'dangerous-links', 'markdown-tricks', 'remote-images', 'css-tricks'];
  const rest = fixtures.map(([n]) => n).filter((n) => !order.includes(n));
  const names = [...order.filter((n) => byName[n] !== undefined), ...rest];
  if (!(await page.locator('iframe.webview.ready').count())) { // run alone: open the panel (on the sample) to arm it first
    await runCommand(page, 'Pairwise: Open Sample Comparison');
    await waitSlotsFinal(page, 60000);
  }
  const pairs = [];
  for (let i = 0; i + 1 < names.length; i += 2) pairs.push([names[i], names[i + 1]]);
  const odd = names.length % 2 ? names[names.length - 1] : null;
  for (const [i, [a, b]] of pairs.entries()) {
    await ctx.check(`security: ${a} + ${b} render inert (${theme})`, async () => {
      const { f, placeholders } = await runPair(ctx, [a, byName[a]], [b, byName[b]], `sec ${i + 1}`);
      if (i === 0) await shot(page, ctx.out, `security-hostile-${theme}`, theme);
      if (a === 'remote-images' || b === 'remote-images') {
        if (placeholders < 4) throw new Error(`only ${placeholders} "image not loaded" placeholders for the remote images`);
        await shot(page, ctx.out, `security-remote-images-${theme}`, theme);
      }
      if (a === 'dangerous-links' || b === 'dangerous-links') await checkLinks(ctx, f);
    });
  }
  await ctx.check(`security: ${odd ? `${odd} + ` : ''}5 MB single line renders clipped, Raw and Diff stay usable (${theme})`, async () => {
    const huge = hugeSingleLine();
    const big = { chunkChars: 64 * 1024, tokensPerSec: 1e9, ttftMs: 0 };
    const t0 = Date.now();
    const { f } = await runPair(ctx, ['huge-single-line', huge], odd ? [odd, byName[odd]] : ['script-tags', byName['script-tags']], 'sec huge', { a: big });
    const streamS = (Date.now() - t0) / 1000;
    const note = f.locator('.pw-slot-body .pw-note', { hasText: 'Rendered the first' });
    if (await note.count() !== 1) throw new Error('the 5 MB draft does not say it was clipped');
    await shot(page, ctx.out, `security-huge-${theme}`, theme);
    let t = Date.now();
    await selectTab(page, 'Raw');
    const rawLen = await f.locator('.pw-slot-body pre.pw-raw').evaluateAll((els) => Math.max(...els.map((e) => e.textContent?.length ?? 0)));
    const rawS = (Date.now() - t) / 1000;
    if (rawLen < HUGE_BYTES) throw new Error(`Raw shows ${rawLen} characters of ${HUGE_BYTES}`);
    // Copying the whole Raw text gives the draft: without a copy handler Chromium copies what getSelection() says, with
    // a line break after every block (one every 64 KB of the single line).
    const copy = await f.locator('.pw-slot-body pre.pw-raw').evaluateAll((els) => {
      const pre = els.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
      const sel = getSelection();
      sel.selectAllChildren(pre);
      const data = new DataTransfer();
      const ev = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true });
      pre.dispatchEvent(ev);
      const copied = ev.defaultPrevented ? data.getData('text/plain') : sel.toString();
      sel.removeAllRanges();
      return { same: copied === pre.textContent, extraBreaks: copied.split('\n').length - (pre.textContent ?? '').split('\n').length };
    });
    if (!copy.same) throw new Error(`copying the Raw text does not give the draft (${copy.extraBreaks} line breaks added)`);
    const frame = await innerFrame(page);
    const sideways = () => frame.evaluate(() => { const e = document.scrollingElement ?? document.documentElement; return e.scrollWidth - e.clientWidth; });
    const overflow = await sideways();
    await shot(page, ctx.out, `security-huge-raw-${theme}`, theme);
    t = Date.now();
    await selectTab(page, 'Diff');
    await f.locator('.pw-diff-pane table.pw-diff').waitFor({ timeout: 20000 });
    const diffS = (Date.now() - t) / 1000;
    const diffOverflow = await sideways();
    const dom = await auditDom(frame);
    if (dom.problems.length) throw new Error(`Raw/Diff DOM: ${dom.problems.slice(0, 10).join(' | ')}`);
    await selectTab(page, 'Rendered');
    console.log(`  5 MB draft: streamed+rendered ${streamS.toFixed(1)} s, Raw tab ${rawS.toFixed(1)} s, Diff tab ${diffS.toFixed(1)} s`);
    // Laid out whole, the 5 MB line held the view 8-12 s on a loaded machine; in blocks laid out when seen, under 1 s.
    if (rawS > 3 || diffS > 3) throw new Error(`too slow: Raw ${rawS.toFixed(1)} s, Diff ${diffS.toFixed(1)} s`);
    if (overflow > 2 || diffOverflow > 2) {
      throw new KnownBug(`the Raw tab (Diff tab) of the 5 MB single line makes the view scroll sideways by ${overflow} (${diffOverflow}) px: Chromium stops wrapping `
        + 'one text node of several MB (2 MB still wraps), so pre.pw-raw (white-space: pre-wrap) grows that wide; split Raw text into chunks');
    }
  });
}

/**
 * Links: a vetted https link, clicked or activated with Enter, asks in VS Code's own modal and opens no tab, page
 * or window while the modal waits (nor after Cancel); a javascript: link is inert text.
 */
async function checkLinks(ctx, f) {
  const { page, newPages } = ctx;
  const pagesBefore = newPages.length;
  const newSince = () => newPages.slice(pagesBefore).map((p) => `${p.kind} ${p.url}`);
  const blocked = f.locator('.pw-slot-body p', { hasText: 'plain javascript' }).first();
  await blocked.click();
  await page.waitForTimeout(500);
  if (await page.locator('.monaco-dialog-box').isVisible()) throw new Error('clicking a javascript: link opened a dialog');
  const ok = f.locator('.pw-slot-body .pw-link', { hasText: 'ok link' }).first();
  if (await ok.evaluate((e) => e.tagName !== 'SPAN' || e.hasAttribute('href') || e.closest('a') !== null)) throw new Error('the link carries an href the webview host could open');
  const box = page.locator('.monaco-dialog-box');
  for (const how of ['click', 'Enter']) {
    if (how === 'click') await ok.click();
    else { await ok.focus(); await ok.press('Enter'); }
    await box.waitFor({ state: 'visible', timeout: 10000 }).catch(() => { throw new Error(`${how} on the link: no confirm dialog`); });
    await page.waitForTimeout(1500); // a tab the webview host opened by itself would be there by now
    if (newSince().length) throw new Error(`${how} on the link opened ${newSince().join(' | ')} before the confirm dialog was answered`);
    if (how === 'click') await shot(page, ctx.out, `security-link-confirm-${ctx.theme}`, ctx.theme);
    const text = await clickDialogButton(page, 'Cancel', 10000);
    if (!/Open a link from model output\?/.test(text) || !/example\.org/.test(text)) throw new Error(`link dialog says: ${text}`);
    await page.waitForTimeout(800);
    if (newSince().length) throw new Error(`${how} on the link, then Cancel: opened ${newSince().join(' | ')}`);
    if (await box.isVisible()) throw new Error(`${how}: a second dialog followed Cancel`);
  }
  // Leave the link: keys typed next (e.g. into the command palette while it opens) must not land on it.
  await ok.evaluate((e) => e.blur());
}

module.exports = { security, hugeSingleLine, hostileAnswer };
