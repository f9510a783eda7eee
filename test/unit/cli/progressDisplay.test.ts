import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatSpend, ProgressDisplay, progressLine } from '../../../src/cli/progressDisplay';
import type { SchedulerState } from '../../../src/cli/batchScheduler';

const state = (over: Partial<SchedulerState> = {}): SchedulerState => ({ total: 40, done: 10, failed: 2, running: 8, retrying: 1, queued: 19, paused: {}, ...over });

describe('progress display', () => {
  test('the status line shows bar, done/total, failed, retrying, running, ETA and spend within the width', () => {
    const l = progressLine(state(), 60_000, { usd: 1.5, unknown: 0 }, 100);
    assert.match(l, /^\[#+-+\] 12\/40 · 2 failed · 1 retrying · 8 running · ETA 2m20s · \$1\.50$/);
    assert.ok(l.length < 100);
    assert.ok(progressLine(state(), 1000, { usd: 0, unknown: 0 }, 40).length <= 39);
    assert.match(progressLine(state({ paused: { 'anthropic@api': Date.now() + 5000 } }), 1000, { usd: 0, unknown: 3 }, 200), /\$\? · backoff: anthropic@api/);
    assert.equal(formatDuration(3_723_000), '1h02m');
    assert.equal(formatSpend(0.0123, 2), '$0.0123+?');
  });

  test('TTY: one redrawn line, notes printed above it; plain: only notes and a final summary', () => {
    let tty = '';
    const d = new ProgressDisplay({ write: (s: string) => { tty += s; } }, true, () => ({ usd: 0.5, unknown: 0 }), 80, 0);
    d.update(state());
    d.note('cell abc done');
    d.update(state({ done: 38, failed: 2, running: 0 }));
    d.end();
    const CLEAR = '\r\x1b[2K';
    assert.ok(tty.startsWith(`${CLEAR}[`));
    assert.ok(tty.includes(`${CLEAR}cell abc done\n${CLEAR}[`), 'the note clears the bar, prints, and the bar is redrawn');
    assert.ok(tty.endsWith('\n'));
    let plain = '';
    const p = new ProgressDisplay({ write: (s: string) => { plain += s; } }, false, () => ({ usd: 0, unknown: 0 }));
    p.update(state());
    p.note('cell abc done');
    p.end();
    assert.equal(plain.includes('\r'), false);
    assert.match(plain, /^cell abc done\nprogress: 12\/40 · 2 failed/);
  });
});
