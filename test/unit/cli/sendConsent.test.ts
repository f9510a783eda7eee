// What the CLI sends before consent: nothing. `batch --demo` skips its question only because its sides are local mocks;
// a judge named with --judge is a real host and must be consented to like any other send.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { plainHttpWarning } from '../../../src/core/providers/presets';
import { scenarios, startMockProvider } from '../../fakes/mockProviders';
import { cli, makeRepo, startMocks, tempDir } from './cliHarness';

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
      assert.match(declined.asked[0], /then that context \(or its summary\) and both drafts to the judge/);
      assert.equal(m.b.requests.length, 0);
    } finally { await m.close(); }
  });
});

describe('judge consent says what the judge is sent', () => {
  test('regression: the question says the sides\' repository context goes to the judge when it does (it said "the context summary")', async () => {
    const t = tempDir();
    const m = await startMocks();
    const judge = await startMockProvider({ kind: 'anthropic', scenario: scenarios.judge('longer') });
    try {
      const env = { ANTHROPIC_API_KEY: 'sk-test-0123456789abcdefghijklmnopqrstuv', OPENAI_API_KEY: 'sk-test-0123456789abcdefghijklmnopqrstuv' };
      makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x  # CANARY_REPO_LINE_7f3a\n', 'README.md': '# r\n' });
      writeFileSync(join(t.dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCache parsed tables.\n');
      const results = join(t.dir, 'results.jsonl');
      const cmp = await cli(['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5', '--a-base-url', m.a.url,
        '--b-base-url', m.b.url, '--budget', '3000', '--no-checks', '--results', results, '--yes'], { cwd: t.dir, env });
      assert.equal(cmp.code, EXIT.ok, cmp.stderr);
      const judgeArgs = ['judge', '--results', results, '--judge', 'anthropic:claude-haiku-4-5', '--judge-base-url', judge.url];
      const no = await cli(judgeArgs, { cwd: t.dir, env, tty: true, answers: ['n'] });
      assert.equal(no.code, EXIT.refused);
      assert.equal(judge.requests.length, 0);
      assert.match(no.asked[0], /the repository context the sides were sent/);
      assert.doesNotMatch(no.asked[0], /context summary/);
      const yes = await cli([...judgeArgs, '--yes'], { cwd: t.dir, env });
      assert.equal(yes.code, EXIT.ok, yes.stderr);
      assert.equal(judge.requests.length, 2);
      assert.ok(judge.requests.every((q) => q.body.includes('CANARY_REPO_LINE_7f3a')), 'the judge did get the repository\'s files');
    } finally { await judge.close(); await m.close(); t.cleanup(); }
  });
});

describe('plain http to another machine', () => {
  test('the send question is preceded by a warning that the key and the context would cross the network unencrypted', async () => {
    const t = tempDir();
    makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x\n', 'README.md': '# r\n' });
    writeFileSync(join(t.dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCache parsed tables.\n');
    const env = { ANTHROPIC_API_KEY: 'sk-test-0123456789abcdefghijklmnopqrstuv', OPENAI_API_KEY: 'sk-test-0123456789abcdefghijklmnopqrstuv' };
    // 192.0.2.1 (TEST-NET-1) is never reached: without a terminal or --yes nothing is sent.
    const r = await cli(['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
      '--a-base-url', 'http://192.0.2.1:8080', '--b-base-url', 'https://api.openai.com/v1', '--budget', '3000', '--no-checks'], { cwd: t.dir, env, tty: false });
    assert.equal(r.code, EXIT.refused, r.stderr);
    assert.match(r.stderr, /warning: 192\.0\.2\.1:8080 is reached over plain http: the key and everything sent cross the network unencrypted/);
    assert.equal(r.stderr.match(/plain http/g)?.length, 1, 'one warning, for the http side only');
  });

  test('https, and http to this machine, get no warning', () => {
    assert.match(plainHttpWarning('http://gpu-box.lan:8000/v1') ?? '', /^gpu-box\.lan:8000 is reached over plain http/);
    for (const url of ['https://api.z.ai/api/anthropic', 'http://localhost:11434/v1', 'http://127.0.0.1:8000', 'http://[::1]:1234/v1', 'not a url']) assert.equal(plainHttpWarning(url), null, url);
  });
});
