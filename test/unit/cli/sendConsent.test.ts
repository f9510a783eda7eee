// What the CLI sends before consent: nothing. `batch --demo` skips its question only because its sides are local mocks;
// a judge named with --judge is a real host and must be consented to like any other send.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT } from '../../../src/cli/exitCodes';
import { cli, startMocks } from './cliHarness';

describe('batch --demo consent', () => {
  test('regression: --demo with --judge asks before the judge is sent anything, and refuses without a terminal or --yes', async () => {
    const m = await startMocks();
    try {
      const env = { OPENAI_API_KEY: 'sk-judge-key-0123456789' };
      const judge = ['--judge', 'openai:gpt-5', '--judge-base-url', m.b.url];
      const refused = await cli(['batch', '--demo', ...judge], { env, tty: false });
      assert.equal(refused.code, EXIT.refused, refused.stderr);
      assert.equal(m.b.requests.length, 0, 'the judge host received nothing (8 judge requests carrying the key went out before)');
      assert.match(refused.stderr, /not sending without consent/);
      assert.ok(refused.stderr.includes(`the judge's requests to ${new URL(m.b.url).host}`), 'the judge host is named before the question');
      const declined = await cli(['batch', '--demo', ...judge], { env, tty: true, answers: ['n'] });
      assert.equal(declined.code, EXIT.refused);
      assert.equal(declined.asked.length, 1, 'asked once, on a terminal');
      assert.match(declined.asked[0], /judge/);
      assert.equal(m.b.requests.length, 0);
    } finally { await m.close(); }
  });
});
