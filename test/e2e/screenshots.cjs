#!/usr/bin/env node
// E2E: opens Pairwise's webviews in the real VS Code host (dark and light themes), checks what a person
// sees (heading text, not blank, theme applied) and saves screenshots under test-results/.
// Prints "e2e: N passed, N failed".
'use strict';
const path = require('node:path'), fs = require('node:fs');
const { startHost, runCommand, webviewFrame, ROOT } = require('../harness/host.cjs');
const { pngStats, meanLuminance } = require('./pngStats.cjs');

const OUT = path.join(ROOT, 'test-results');
fs.mkdirSync(OUT, { recursive: true });
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
let passed = 0, failed = 0;
/** Records one named check. */
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); } catch (e) { failed++; console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 4).join('\n  ')}`); }
}

/** Screenshots the placeholder compare panel in one theme. */
async function panelShot(theme) {
  const host = await startHost({ settings: { 'workbench.colorTheme': THEMES[theme] } });
  try {
    const { page } = await host.openPage();
    await runCommand(page, 'Pairwise: Compare');
    const frame = webviewFrame(page);
    const h1 = frame.locator('h1').first();
    await h1.waitFor({ timeout: 30000 });
    const heading = await h1.textContent();
    if (!/Pairwise/.test(heading || '')) throw new Error(`heading is "${heading}"`);
    await page.waitForTimeout(600);
    const file = path.join(OUT, `panel-${theme}.png`);
    await page.screenshot({ path: file });
    const s = pngStats(file);
    if (s.distinctColors < 8 || s.dominantShare > 0.97) throw new Error(`screenshot looks blank: ${JSON.stringify(s)}`);
    const lum = meanLuminance(file);
    if (theme === 'dark' ? lum > 110 : lum < 140) throw new Error(`${theme} theme not applied (mean luminance ${lum.toFixed(0)})`);
    console.log(`  ${file}: ${s.distinctColors} colours, luminance ${lum.toFixed(0)}`);
  } finally { await host.close(); }
}

(async () => {
  for (const theme of Object.keys(THEMES)) await check(`compare panel screenshot (${theme})`, () => panelShot(theme));
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); console.log(`e2e: ${passed} passed, ${failed + 1} failed`); process.exit(1); });
