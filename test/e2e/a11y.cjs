// Accessibility measured inside the real webview: axe-core (devDependency) is evaluated in the webview's inner
// frame (through the devtools protocol, so the page's CSP does not apply to it) and run on the whole document;
// plus a role-and-name audit of every control and a look at the live region.
'use strict';
const fs = require('node:fs');
const { innerFrame } = require('./hostHelpers.cjs');

let AXE_SOURCE = null;
/** The axe-core bundle's source (read once). */
function axeSource() {
  if (AXE_SOURCE === null) AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return AXE_SOURCE;
}

/** Injects axe-core into the active webview's inner frame (once per frame); returns the frame. */
async function armAxe(page) {
  const frame = await innerFrame(page);
  if (!(await frame.evaluate(() => typeof (/** @type {any} */ (window)).axe === 'object'))) {
    await frame.evaluate(`${axeSource()}\n;void 0`);
    const ok = await frame.evaluate(() => typeof (/** @type {any} */ (window)).axe?.run === 'function');
    if (!ok) throw new Error('axe-core did not load in the webview frame');
  }
  return frame;
}

/**
 * Runs axe on the webview's document. Returns every violation (id, impact, count, first targets) and the
 * serious/critical ones separately; `exclude` lists selectors axe should skip (none by default).
 */
async function runAxe(page, { exclude = [] } = {}) {
  const frame = await armAxe(page);
  const res = await frame.evaluate(async (ex) => {
    const axe = /** @type {any} */ (window).axe;
    const r = await axe.run(ex.length ? { exclude: ex.map((s) => [s]) } : document, { resultTypes: ['violations'] });
    return {
      rules: r.passes.length + r.violations.length + r.incomplete.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim()}`) })),
    };
  }, exclude);
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { ...res, bad };
}

/** Formats violations for an error message. */
function describe(violations) {
  return violations.map((v) => `${v.impact} ${v.id} ×${v.count} (${v.help}): ${v.targets.join(' | ')}`).join('\n    ');
}

/** Every visible control (buttons, inputs, selects, links, tabs, summaries, focusable regions) has a role and a name. */
async function controlsNamed(page) {
  const frame = await armAxe(page);
  return frame.evaluate(() => {
    const axe = /** @type {any} */ (window).axe;
    axe.setup?.(document);
    const sel = 'button, input, select, textarea, a[href], [role=tab], [role=button], [role=radio], summary, [tabindex]:not([tabindex="-1"])';
    const problems = [];
    let n = 0;
    for (const el of document.querySelectorAll(sel)) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue; // not rendered (hidden, or inside a closed <details>)
      n++;
      const role = axe.commons.aria.getRole(el);
      const name = axe.commons.text.accessibleText(el).trim();
      if (!role || !name) problems.push(`<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''} class="${el.className}"> role=${role ?? '—'} name="${name}" in ${el.parentElement?.outerHTML.slice(0, 160)}`);
    }
    axe.teardown?.();
    return { n, problems };
  });
}

/** The live region's current text (announcements are appended, the last few kept). */
async function liveText(page) {
  const frame = await innerFrame(page);
  return frame.evaluate(() => {
    const live = document.getElementById('pw-live');
    return { role: live?.getAttribute('role') ?? '', ariaLive: live?.getAttribute('aria-live') ?? '', text: live?.textContent ?? '' };
  });
}

module.exports = { runAxe, describe, controlsNamed, liveText };
