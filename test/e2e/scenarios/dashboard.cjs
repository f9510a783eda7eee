// E2E: the dashboard in the real host — a results file with judged comparisons of three models and two LLM judges'
// answers, the report model's sections (leaderboard and charts drawn as SVG, tables, judges' agreement matrices), themed;
// an audit cell lists its comparisons and opens one.
'use strict';
const fs = require('node:fs'), path = require('node:path');
const { runCommand } = require('../../harness/host.cjs');
const { innerFrame, shot } = require('../hostHelpers.cjs');

const MODELS = [['anthropic', 'claude-opus-4-7'], ['zai', 'glm-5.2'], ['baseten', 'glm-5.2']];

/** Deterministic judged comparisons between the three models (plus usage and cost), as results-file lines. */
function records(n = 36) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = [MODELS[i % 3], MODELS[(i + 1) % 3]];
    const verdicts = ['a', 'a', 'b', 'tie', 'a', 'both_bad', 'b', 'a'];
    const side = ([preset, model], k) => ({ preset, model, status: 'ok', route: ['pr', 'issue', 'skip'][(i + k) % 3],
      usage: { input: 9000 + 100 * i, output: 700 + 10 * k, cacheRead: k ? 0 : 6000, cacheWrite: 0 },
      cost: preset === 'anthropic' ? { usd: 0.12 + 0.01 * (i % 5), basis: 'list', asOf: '2026-11-25' } : { usd: 0.01 + 0.002 * (i % 4), basis: 'list', asOf: '2026-11-25' },
      ttftMs: 600 + 37 * ((i * 7 + k) % 11), totalMs: 20000 + 1500 * ((i * 3 + k) % 9),
      warm: { ttftMs: 250 + 19 * ((i * 5 + k) % 7), totalMs: 15000 + 900 * ((i + k) % 5), usage: { input: 1000, output: 700, cacheRead: 8000 + 100 * i, cacheWrite: 0 } } });
    out.push({ schema: 1, type: 'comparison', id: `e2e-dash-${String(i).padStart(3, '0')}`, time: new Date(Date.UTC(2026, 10, 1 + (i % 20))).toISOString(),
      repo: { name: i % 2 ? 'tinyattn' : 'atropos', commit: 'abc1234' }, paper: { id: `paper-${i % 4}`, title: `Paper ${i % 4}` }, mode: 'pin',
      prompt: { templateVersion: 'pairwise-prompt/1' }, sides: { a: side(a, 0), b: side(b, 1) }, blind: true, swapped: i % 2 === 1,
      verdict: verdicts[i % verdicts.length], rater: 'e2e' });
    out.push(...judgeAmends(out[out.length - 1], i));
  }
  return out.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/**
 * An LLM judge's answers (rater judge:zai:glm-5) on every comparison of `records()` (agreeing with the human on 5 in 6)
 * plus 30 comparisons no human judged yet, so the report's prediction-powered section has both kinds.
 */
function judgeRecords(n = 36, extra = 30) {
  const out = [];
  const verdicts = ['a', 'a', 'b', 'tie', 'a', 'both_bad', 'b', 'a'];
  const answer = { a: ['A', 'B'], b: ['B', 'A'], tie: ['TIE', 'TIE'], both_bad: ['BOTH_BAD', 'BOTH_BAD'] };
  const amend = (target, i, verdict) => ({ schema: 1, type: 'amend', id: `e2e-judge-${String(i).padStart(3, '0')}`, target,
    time: new Date(Date.UTC(2026, 10, 22, 0, i)).toISOString(), rater: 'judge:zai:glm-5', verdict,
    judge: { preset: 'zai', model: 'glm-5', outcome: 'consistent', orders: [{ order: 'ab', answer: answer[verdict][0], verdict }, { order: 'ba', answer: answer[verdict][1], verdict }] } });
  for (let i = 0; i < n; i++) {
    const human = verdicts[i % verdicts.length];
    out.push(amend(`e2e-dash-${String(i).padStart(3, '0')}`, i, i % 6 === 5 ? (human === 'a' ? 'b' : 'a') : human));
  }
  for (let k = 0; k < extra; k++) {
    const i = n + k;
    const [a, b] = [MODELS[i % 3], MODELS[(i + 1) % 3]];
    const side = ([preset, model]) => ({ preset, model, status: 'ok', route: 'issue' });
    const id = `e2e-dash-${String(i).padStart(3, '0')}`;
    out.push({ schema: 1, type: 'comparison', id, time: new Date(Date.UTC(2026, 10, 21, 0, k)).toISOString(), repo: { name: 'atropos', commit: 'abc1234' },
      paper: { id: 'paper-0', title: 'Paper 0' }, mode: 'pin', prompt: { templateVersion: 'pairwise-prompt/1' }, sides: { a: side(a), b: side(b) }, blind: true,
      swapped: false, verdict: 'pending' });
    out.push(amend(id, i, verdicts[(i * 5) % verdicts.length]));
  }
  return out.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

const IN_MODEL = { ab: { A: 'a', B: 'b', TIE: 'tie', BOTH_BAD: 'both_bad' }, ba: { A: 'b', B: 'a', TIE: 'tie', BOTH_BAD: 'both_bad' } };
const ANSWER = { ab: { a: 'A', b: 'B', tie: 'TIE', both_bad: 'BOTH_BAD' }, ba: { a: 'B', b: 'A', tie: 'TIE', both_bad: 'BOTH_BAD' } };

/** Two LLM judges' amends on a comparison: one mostly agrees with the human and sometimes only picks the first draft, one always prefers side a. */
function judgeAmends(c, i) {
  const judge = (preset, model, ab, ba, k) => {
    const orders = [['ab', ab], ['ba', ba]].map(([order, answer]) => ({ order, answer, verdict: IN_MODEL[order][answer], reason: `Rule ${k} in the ${order} order.`,
      cost: { usd: 0.004, basis: 'list' } }));
    const consistent = orders[0].verdict === orders[1].verdict;
    const family = [c.sides.a.model, c.sides.b.model].map((m, s) => (m.startsWith(model.split('-')[0]) ? ['a', 'b'][s] : null)).filter(Boolean);
    return { schema: 1, type: 'amend', id: `e2e-judge-${model}-${i}`, target: c.id, time: new Date(Date.parse(c.time) + 60000).toISOString(),
      rater: `judge:${preset}:${model}`, verdict: consistent ? orders[0].verdict : 'tie',
      judge: { preset, model, outcome: consistent ? 'consistent' : 'inconsistent', orders, ...(family.length === 1 ? { sameFamily: family } : {}) } };
  };
  const human = c.verdict;
  const close = i % 6 === 5 ? ['A', 'A'] : i % 7 === 3 ? [ANSWER.ab.a, ANSWER.ba.a] : [ANSWER.ab[human], ANSWER.ba[human]];
  return [judge('openai', 'gpt-5.2', close[0], close[1], 1), judge('zai', 'glm-5.2', 'A', 'B', 2)];
}

/** Waits for the dashboard's own webview (the compare panel's frame may still be there, about to detach) to draw its charts. */
async function dashboardInfo(page, timeout = 90000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const frame = await innerFrame(page, Math.max(1000, end - Date.now()));
      const info = await frame.evaluate(() => ({ view: document.body.dataset.view, svgs: document.querySelectorAll('svg').length, text: document.body.innerText }));
      if (info.view === 'dashboard' && info.svgs >= 3) return info;
    } catch (e) {
      if (Date.now() > end) throw e; // a frame detached while the editor switched panels: look again
    }
    if (Date.now() > end) throw new Error('the dashboard did not draw its charts in time');
    await page.waitForTimeout(250);
  }
}

/** Check: Show Dashboard renders the tables and SVG charts from the results file. */
async function dashboard(ctx) {
  await ctx.check(`dashboard: leaderboard, tables and SVG charts from the results file (${ctx.theme})`, async () => {
    const dir = path.join(ctx.workspace, '.pairwise');
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'results.jsonl'), records() + judgeRecords());
    await runCommand(ctx.page, 'Pairwise: Show Dashboard');
    const info = await dashboardInfo(ctx.page);
    if (!/prediction-powered/.test(info.text) || !/You \+ judge/.test(info.text)) throw new Error('no human + judge (prediction-powered) section on the dashboard');
    for (const m of ['claude-opus-4-7', 'glm-5.2']) if (!info.text.includes(m)) throw new Error(`dashboard does not name ${m}`);
    if (!/leaderboard/i.test(info.text)) throw new Error('no leaderboard on the dashboard');
    if (!/May I stop\?/.test(info.text) || !/cold vs warm/i.test(info.text)) throw new Error('no sequential decision or serving report on the dashboard');
    await ctx.page.waitForTimeout(400);
    await shot(ctx.page, ctx.out, `dashboard-${ctx.theme}`, ctx.theme);
    console.log(`  ${info.svgs} SVG charts`);
    // A table beside a chart shows every column at 1280 x 800 (the leaderboard's Battles and Note were cut off).
    const clipped = await (await innerFrame(ctx.page)).evaluate(() => [...document.querySelectorAll('.pw-chart-row .pw-table-wrap')]
      .filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => `${w.querySelector('caption')?.textContent ?? 'a table'} (${w.scrollWidth} > ${w.clientWidth} px)`));
    if (clipped.length) throw new Error(`tables beside a chart are cut off: ${clipped.join('; ')}`);
    // Chart labels stay readable: a chart is never squeezed beside a wide table (its 12-unit labels were 8.8 px there).
    // The scale is the one the chart is drawn at (getScreenCTM): its width over the viewBox's missed a tall chart its
    // max-height shrinks (a leaderboard of 20 models: labels 8.1 px, counted as 13.8).
    const small = await (await innerFrame(ctx.page)).evaluate(() => [...document.querySelectorAll('svg.pw-chart')].flatMap((svg) => {
      const px = 12 * Math.abs(svg.getScreenCTM()?.a ?? 0);
      return px < 10.5 ? [`${svg.getAttribute('aria-labelledby') ?? 'a chart'}: labels ${px.toFixed(1)} px`] : [];
    }));
    if (small.length) throw new Error(`chart labels too small to read: ${small.join('; ')}`);
  });
  await ctx.check(`dashboard: the same report sections as the Markdown report, LLM judges with their agreement matrices (${ctx.theme})`, async () => {
    const frame = await innerFrame(ctx.page);
    const seen = await frame.evaluate(() => [...document.querySelectorAll('.pw-report-section h2')].map((h) => h.textContent));
    for (const t of ['Leaderboard (Bradley–Terry)', 'Head to head', 'Serving: cold vs warm', 'LLM judges against your verdicts']) {
      if (!seen.includes(t)) throw new Error(`no section ${t}: ${seen.join(' | ')}`);
    }
    await frame.evaluate(() => document.getElementById('pw-section-pairs')?.scrollIntoView());
    await ctx.page.waitForTimeout(300);
    await shot(ctx.page, ctx.out, `dashboard-tables-${ctx.theme}`, ctx.theme);
    const matrices = await frame.locator('table.pw-matrix').count();
    if (matrices !== 3) throw new Error(`expected an agreement matrix per judge (3), saw ${matrices}`);
    await frame.evaluate(() => document.getElementById('pw-section-judges')?.scrollIntoView());
    await ctx.page.waitForTimeout(300);
    await shot(ctx.page, ctx.out, `dashboard-judges-${ctx.theme}`, ctx.theme);
  });
  if (ctx.theme !== 'dark') return;
  await ctx.check('dashboard: an off-diagonal cell lists its comparisons; one opens read-only in the compare panel (dark)', async () => {
    const frame = await innerFrame(ctx.page);
    const cell = frame.locator('table.pw-matrix').first().locator('button.pw-cell-open').first();
    const label = await cell.getAttribute('aria-label');
    await cell.click();
    const widget = ctx.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Audit:' }).waitFor({ timeout: 20000 });
    const rows = await widget.locator('.quick-input-list .monaco-list-row').count();
    if (rows < 2) throw new Error(`the audit list shows ${rows} rows for ${label}`);
    await shot(ctx.page, ctx.out, 'dashboard-audit-dark', 'dark');
    await widget.locator('.quick-input-list .monaco-list-row').first().click();
    await ctx.page.locator('.tab', { hasText: 'Pairwise' }).filter({ hasNotText: 'Dashboard' }).first().waitFor({ timeout: 20000 });
    await ctx.page.keyboard.press('Escape');
  });
}

module.exports = { dashboard, records, judgeRecords };
