import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statsFlags } from '../../../src/cli/commands/report';

test('report flags: equivalence margin, TTFT thresholds in seconds, correct check; bad values name the flag', () => {
  assert.deepEqual(statsFlags({ margin: '0.1', thresholds: '5, 12.5', correct: 'testsPassed' }),
    { equivalenceMargin: 0.1, ttftThresholdsMs: [5000, 12500], correctCheck: 'testsPassed' });
  assert.deepEqual(statsFlags({}), {});
  assert.match((statsFlags({ margin: '5' }) as { error: string }).error, /--equivalence-margin/);
  assert.match((statsFlags({ thresholds: '10,abc' }) as { error: string }).error, /--ttft-thresholds/);
  assert.match((statsFlags({ correct: 'compiles' }) as { error: string }).error, /--correct must be one of patchApplies/);
});
