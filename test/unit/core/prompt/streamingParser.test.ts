import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnswer } from '../../../../src/core/prompt/parseAnswer';
import { createStreamingParser } from '../../../../src/core/prompt/streamingParser';
import { seededRandom } from '../../../../src/core/stats/prng'; // same cases every run


const PIECES = [
  '===ROUTE===', '=== route ===', '**===TITLE===**', '===BODY===', '===PATCH===', '===REASON===', '===PAPER===', '== Title ==',
  'PR', 'ISSUE', 'skip', 'Pull request', 'no action', 'PR | ISSUE', 'Route: PR', 'Title: x', 'Body:',
  '```', '```diff', '```markdown', '~~~', 'diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b',
  'Some prose here.', '# Heading', '', ' ', '\t', 'NONE', 'arXiv:2602.15763v2', 'N/A', '===', '====ROUTE', 'é漢字🙂', '\u0000',
];

function randomAnswer(r: () => number): string {
  const n = Math.floor(r() * 40);
  let out = '';
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.8) out += PIECES[Math.floor(r() * PIECES.length)];
    else out += String.fromCharCode(Math.floor(r() * 0x2fff));
    out += r() < 0.15 ? '\r\n' : r() < 0.9 ? '\n' : ' ';
  }
  return out;
}

function randomChunks(text: string, r: () => number): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    const len = 1 + Math.floor(r() * (r() < 0.5 ? 4 : 40));
    chunks.push(text.slice(i, i + len));
    i += len;
  }
  return chunks;
}

describe('streaming parser', () => {
  test('arbitrary chunking gives the whole-parse result, at every step; nothing throws; raw is kept', () => {
    const r = seededRandom(20260508);
    const routes = new Map<string, number>();
    for (let c = 0; c < 400; c++) {
      const text = randomAnswer(r);
      const p = createStreamingParser();
      let sofar = '';
      for (const chunk of randomChunks(text, r)) {
        sofar += chunk;
        const partial = p.push(chunk);
        if (r() < 0.3) assert.deepEqual(partial, parseAnswer(sofar), `case ${c} prefix`);
      }
      const whole = parseAnswer(text);
      assert.deepEqual(p.current(), whole, `case ${c}`);
      assert.equal(whole.raw, text);
      assert.equal(p.text(), text);
      routes.set(whole.route, (routes.get(whole.route) ?? 0) + 1);
    }
    // The generator must exercise every route, not just produce unparseable noise.
    for (const route of ['pr', 'issue', 'skip', 'unparsed']) assert.ok((routes.get(route) ?? 0) >= 5, `${route}: ${routes.get(route)}`);
  });

  test('pure garbage never throws and is kept raw', () => {
    const r = seededRandom(7);
    for (let c = 0; c < 300; c++) {
      let s = '';
      const n = Math.floor(r() * 300);
      for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * 0xffff));
      const d = parseAnswer(s);
      assert.equal(d.raw, s);
    }
  });

  test('a realistic stream shows the draft growing', () => {
    const p = createStreamingParser();
    p.push('===ROUTE===\nPR\n===TI');
    assert.equal(p.current().route, 'pr');
    assert.equal(p.current().title, '');
    p.push('TLE===\nFaster tok');
    assert.equal(p.current().title, 'Faster tok');
    p.push('enizer\n===BODY===\nBody text');
    assert.equal(p.current().title, 'Faster tokenizer');
    assert.equal(p.current().body, 'Body text');
  });

  test('streaming a long answer in small chunks stays fast', () => {
    const body = 'line of body text that goes on\n'.repeat(2000);
    const text = `===ROUTE===\nISSUE\n===TITLE===\nT\n===BODY===\n${body}===REASON===\nR\n`;
    const p = createStreamingParser();
    const t0 = performance.now();
    for (let i = 0; i < text.length; i += 64) p.push(text.slice(i, i + 64));
    const ms = performance.now() - t0;
    assert.deepEqual(p.current(), parseAnswer(text));
    assert.ok(ms < 3000, `took ${ms} ms`);
  });
});
