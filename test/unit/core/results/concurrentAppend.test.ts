import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRecordLine } from '../../../../src/core/results/parseRecordLine';

const WORKER = resolve(__dirname, '../../../fixtures/results/appendWorker.ts');
const PER_WORKER = 1000;

interface Worker { proc: ChildProcess; acked: string[]; done: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function startWorker(file: string, name: string): Worker {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, file, name, String(PER_WORKER), '2000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const w: Worker = { proc, acked: [], done: Promise.resolve({ code: 0, signal: null }) };
  let buf = '';
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (l.startsWith('ack ')) w.acked.push(l.slice(4));
    }
  });
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (d: string) => process.stderr.write(`[${name}] ${d}`));
  w.done = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  return w;
}

test('4 processes x 1000 locked appends, one SIGKILLed mid-run: every acknowledged append is present, no interleaving', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-concurrent-'));
  try {
    const file = join(dir, 'results.jsonl');
    const workers = ['w0', 'w1', 'w2', 'w3'].map((n) => startWorker(file, n));
    const victim = workers[3];
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (victim.acked.length >= 150) { clearInterval(t); victim.proc.kill('SIGKILL'); res(); }
      }, 2);
      victim.done.then((r) => { clearInterval(t); if (victim.acked.length < 150) rej(new Error(`victim exited early ${JSON.stringify(r)}`)); });
    });
    const exits = await Promise.all(workers.map((w) => w.done));
    assert.equal(exits[3].signal, 'SIGKILL');
    for (const e of exits.slice(0, 3)) assert.equal(e.code, 0);

    const text = await readFile(file, 'utf8');
    assert.ok(text.endsWith('\n'), 'file ends with a complete line');
    const lines = text.slice(0, -1).split('\n');
    const ids = new Set<string>();
    for (const [i, l] of lines.entries()) {
      const p = parseRecordLine(l);
      assert.ok(p.ok, `line ${i + 1} parses as a whole record: ${l.slice(0, 80)}`);
      if (p.ok) {
        assert.ok(!ids.has(p.record.id), `duplicate id ${p.record.id}`);
        ids.add(p.record.id);
      }
    }
    for (const w of workers.slice(0, 3)) assert.equal(w.acked.length, PER_WORKER);
    const acked = workers.flatMap((w) => w.acked);
    const missing = acked.filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], 'every acknowledged append is in the file');
    // at most the one in-flight append of the victim is present without an ack
    assert.ok(ids.size - acked.length <= 1, `${ids.size} lines vs ${acked.length} acks`);
    // per-worker order is preserved (appends of one process are sequential)
    for (const w of ['w0', 'w1', 'w2']) {
      const seq = lines.map((l) => (JSON.parse(l) as { id: string }).id).filter((id) => id.startsWith(`${w}-`));
      assert.deepEqual(seq, [...seq].sort());
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
