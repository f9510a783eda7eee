// Regression (hash flooding): import keeps question ids as fingerprints in an open-addressing table. With fixed hash
// bases a crafted battle file could aim its ids at one slot (each lookup probing past all of them: an import slowed to
// quadratic time) or give two ids one fingerprint (a battle dropped as a repeat). The bases are random per process.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { hashes, IdFingerprints } from '../../../../src/core/export/idFingerprints';

const MODULE = join(__dirname, '..', '..', '..', '..', 'src', 'core', 'export', 'idFingerprints.ts');

/** hashes() of some ids in a fresh Node process. */
function fingerprintsElsewhere(ids: string[]): string {
  const code = `import('${MODULE.replace(/\\/g, '/')}').then((m) => process.stdout.write(JSON.stringify(${JSON.stringify(ids)}.map((id) => m.hashes(id)))))`;
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' });
}

describe('id fingerprints', () => {
  test('regression: the hash bases differ from one process to the next (no fixed basis a battle file could be crafted against)', () => {
    const ids = ['q1', 'question-000001', ''];
    const a = fingerprintsElsewhere(ids);
    const b = fingerprintsElsewhere(ids);
    assert.equal(JSON.parse(a).length, 3);
    assert.notEqual(a, b, 'two processes gave the same fingerprints');
    assert.notEqual(JSON.stringify(ids.map((id) => hashes(id))), a);
  });

  test('within one process a fingerprint is stable, strings and their ASCII bytes agree, and counts are exact', () => {
    const f = new IdFingerprints(16);
    const buf = Buffer.from('xx-abc-yy', 'latin1');
    for (let i = 0; i < 5000; i++) f.add(`id-${i}`);
    assert.equal(f.add('abc'), 0);
    assert.equal(f.addBytes(buf, 3, 6), 1, 'the bytes of "abc" are the string "abc"');
    assert.deepEqual(hashes('abc'), hashes('abc'));
    assert.equal(f.count('abc'), 2);
    assert.equal(f.size, 5001);
    for (let i = 0; i < 5000; i += 997) assert.equal(f.count(`id-${i}`), 1);
    assert.equal(f.count('id-5000'), 0);
  });
});
