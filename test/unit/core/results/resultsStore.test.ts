import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile, writeFile, appendFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { corruptPathFor } from '../../../../src/core/results/readResults';
import { contentHash } from '../../../../src/core/results/blobStore';
import { makeComparison } from '../../../fixtures/results/makeRecord';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'pw-results-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('ResultsStore append/read', () => {
  test('appends whole lines and reads them back in order', async () => {
    const file = join(dir, 'a', '.pairwise', 'results.jsonl');
    const store = new ResultsStore(file);
    const recs = [makeComparison({ verdict: 'a' }), makeComparison({ notes: 'line\nbreak, "quoted"' }), makeComparison()];
    await Promise.all(recs.map((r) => store.append(r)));
    const text = await readFile(file, 'utf8');
    assert.equal(text.split('\n').length, 4);
    assert.ok(text.endsWith('\n'));
    const { records, problems } = await store.readAll();
    assert.deepEqual(problems, []);
    assert.deepEqual(records.map((r) => r.id), recs.map((r) => r.id));
    assert.equal(records[1].type === 'comparison' && records[1].notes, 'line\nbreak, "quoted"');
    await assert.rejects(stat(`${file}.lock`), /ENOENT/);
  });

  test('missing file reads as empty', async () => {
    const { records, problems } = await new ResultsStore(join(dir, 'none.jsonl')).readAll();
    assert.equal(records.length + problems.length, 0);
  });

  test('refuses invalid records with a message and writes nothing', async () => {
    const file = join(dir, 'bad.jsonl');
    const store = new ResultsStore(file);
    const bad = { ...makeComparison(), verdict: 'maybe' } as unknown as Parameters<ResultsStore['append']>[0];
    const res = await store.tryAppend(bad);
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.error : '', /verdict must be one of/);
    await assert.rejects(store.append(bad), /invalid comparison record/);
    await assert.rejects(stat(file), /ENOENT/);
  });

  test('torn last line is reported, copied aside with offset, and next append starts on a new line', async () => {
    const file = join(dir, 'torn.jsonl');
    const store = new ResultsStore(file);
    const first = makeComparison();
    await store.append(first);
    const before = (await stat(file)).size;
    await appendFile(file, '{"schema":1,"type":"compar');
    const r1 = await store.readAll();
    assert.equal(r1.records.length, 1);
    assert.equal(r1.problems.length, 1);
    assert.equal(r1.problems[0].kind, 'torn');
    assert.equal(r1.problems[0].line, 2);
    assert.equal(r1.problems[0].offset, before);
    const q = (await readFile(corruptPathFor(file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { offset: number; text: string });
    assert.equal(q.length, 1);
    assert.equal(q[0].offset, before);
    assert.equal(q[0].text, '{"schema":1,"type":"compar');
    // reading again does not duplicate the quarantine entry
    await store.readAll();
    assert.equal((await readFile(corruptPathFor(file), 'utf8')).trim().split('\n').length, 1);
    const second = makeComparison();
    await store.append(second);
    const r2 = await store.readAll();
    assert.deepEqual(r2.records.map((r) => r.id), [first.id, second.id]);
    assert.equal(r2.problems.length, 1);
    assert.equal(r2.problems[0].kind, 'malformed');
    assert.equal(r2.problems[0].line, 2);
    // the original bytes were never rewritten
    assert.ok((await readFile(file, 'utf8')).includes('{"schema":1,"type":"compar\n'));
  });

  test('malformed and invalid lines are reported with line numbers, good lines still read', async () => {
    const file = join(dir, 'mixed.jsonl');
    const good = makeComparison();
    await writeFile(file, [JSON.stringify(good), 'not json', '', JSON.stringify({ schema: 1, type: 'comparison', id: 'x', time: 'never' }),
      JSON.stringify({ schema: 99, type: 'comparison', id: 'future' }), JSON.stringify({ ...good, id: 'crlf' }) + '\r'].join('\n') + '\n');
    const { records, problems } = await new ResultsStore(file).readAll({ quarantine: false });
    assert.deepEqual(records.map((r) => r.id), [good.id, 'crlf']);
    assert.deepEqual(problems.map((p) => [p.line, p.kind]), [[2, 'malformed'], [4, 'invalid'], [5, 'newer-schema']]);
    assert.match(problems[2].message, /newer than this Pairwise/);
    await assert.rejects(stat(corruptPathFor(file)), /ENOENT/);
  });

  test('amend writes a new line and leaves the original untouched', async () => {
    const file = join(dir, 'amend.jsonl');
    const store = new ResultsStore(file);
    const c = makeComparison({ verdict: 'a' });
    await store.append(c);
    const before = await readFile(file, 'utf8');
    const a = await store.amend({ target: c.id, verdict: 'b' });
    const after = await readFile(file, 'utf8');
    assert.ok(after.startsWith(before));
    assert.equal(after.slice(before.length), `${JSON.stringify(a)}\n`);
  });
});

describe('blobs', () => {
  test('saves content-addressed files under runs/<id>/ and verifies on read', async () => {
    const file = join(dir, 'blobs', 'results.jsonl');
    const store = new ResultsStore(file);
    const text = 'draft body\n'.repeat(1000);
    const h = await store.saveBlob('run-1', 'draft-a', text);
    assert.equal(h, contentHash(text));
    const p = join(dir, 'blobs', 'runs', 'run-1', `${h}.txt`);
    assert.equal(await readFile(p, 'utf8'), text);
    assert.equal(await store.saveBlob('run-1', 'draft-b', text), h);
    assert.deepEqual(await store.readBlob('run-1', h), { ok: true, text });
    await writeFile(p, 'tampered');
    const bad = await store.readBlob('run-1', h);
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /does not match its hash/);
    const missing = await store.readBlob('run-1', 'a'.repeat(64));
    assert.match(!missing.ok ? missing.error : '', /missing/);
    await assert.rejects(store.saveBlob('../escape', 'x', 'y'), /not a safe folder name/);
  });
});

describe('reader and a concurrent writer', () => {
  test('an unfinished last line that completes while reading is read, not quarantined', async () => {
    const file = join(dir, 'growing.jsonl');
    const a = makeComparison();
    const b = makeComparison();
    const lineB = JSON.stringify(b);
    await writeFile(file, `${JSON.stringify(a)}\n${lineB.slice(0, 40)}`);
    const store = new ResultsStore(file);
    const ids: string[] = [];
    let first = true;
    for await (const e of store.read()) {
      if (first) { await appendFile(file, `${lineB.slice(40)}\n`); first = false; }
      assert.ok(e.ok, !e.ok ? e.problem.message : '');
      if (e.ok) ids.push(e.record.id);
    }
    assert.deepEqual(ids, [a.id, b.id]);
    await assert.rejects(stat(corruptPathFor(file)), /ENOENT/);
  });
});
