import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { ResultsStore } from '../../../src/core/results';
import { scenarios } from '../../fakes/mockProviders';
import { cli, comparisons, ISSUE_TEXT, makeRepo, SKIP_TEXT, startMocks, tempDir } from './cliHarness';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuv';

describe('pairwise compare', () => {
  const t = tempDir();
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  let base: string[] = [];
  const env = { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: KEY };
  before(async () => {
    makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x\n', 'README.md': '# r\n' });
    writeFileSync(join(t.dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCache parsed tables.\n');
    mocks = await startMocks();
    base = ['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
      '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--budget', '3000'];
  });
  afterEach(() => { mocks.a.setScenario({ type: 'ok', text: ISSUE_TEXT, ttftMs: 10 }); mocks.b.setScenario({ type: 'ok', text: SKIP_TEXT, ttftMs: 10 }); });
  after(async () => { await mocks.close(); t.cleanup(); });

  test('not a TTY and no --yes: refuses (exit 3), sends nothing, records nothing', async () => {
    const before = mocks.a.requests.length + mocks.b.requests.length;
    const r = await cli(base, { cwd: t.dir, env });
    assert.equal(r.code, EXIT.refused);
    assert.match(r.stderr, /pass --yes/);
    assert.match(r.stderr, /files, ~[\d,]+ tokens, \d+ redactions/);
    assert.equal(mocks.a.requests.length + mocks.b.requests.length, before);
    assert.equal(existsSync(join(t.dir, 'repo', '.pairwise', 'results.jsonl')), false);
  });

  test('on a TTY it asks: "n" refuses, "y" sends', async () => {
    const no = await cli(base, { cwd: t.dir, env, tty: true, answers: ['n'] });
    assert.equal(no.code, EXIT.refused);
    assert.equal(no.asked.length, 1);
    const yes = await cli([...base, '--no-checks'], { cwd: t.dir, env, tty: true, answers: ['y'] });
    assert.equal(yes.code, EXIT.ok, yes.stderr);
  });

  test('--yes --json: both sides run, the pending record and drafts are saved, the key is never printed', async () => {
    const results = join(t.dir, 'out', 'results.jsonl');
    const r = await cli([...base, '--yes', '--json', '--results', results], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const out = JSON.parse(r.stdout) as { id: string; recorded: boolean; sides: { a: { route: string; status: string; cost: { usd: number } }; b: { route: string } } };
    assert.equal(out.recorded, true);
    assert.equal(out.sides.a.route, 'issue');
    assert.equal(out.sides.b.route, 'skip');
    assert.ok(out.sides.a.cost.usd > 0, 'list price known for claude-opus-4-7');
    const [rec] = comparisons(results);
    assert.equal(rec.id, out.id);
    assert.ok(rec.type === 'comparison' && rec.verdict === 'pending' && rec.blind);
    if (rec.type !== 'comparison') return;
    assert.equal(rec.paper?.title, 'Table caching');
    const draft = await new ResultsStore(results).readBlob(rec.id, rec.sides.a.draftHash as string);
    assert.ok(draft.ok && draft.text === ISSUE_TEXT);
    assert.ok(rec.checks?.a, 'issue draft was checked');
    assert.equal(mocks.a.requests.at(-1)?.headers['x-api-key'], KEY);
    assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
  });

  test('one side fails: exit 4, the failure is recorded and its message never echoes the key', async () => {
    mocks.b.setScenario(scenarios.echoKey(400));
    const results = join(t.dir, 'fail.jsonl');
    const r = await cli([...base, '--yes', '--no-checks', '--results', results], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.partial, r.stderr);
    assert.match(r.stdout, /B {2}openai:gpt-5\n {3}route FAILED · status failed \(bad_request\)/);
    const [rec] = comparisons(results);
    assert.ok(rec.type === 'comparison' && rec.sides.b.status === 'failed');
    assert.ok(!JSON.stringify(rec).includes(KEY));
    assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
  });

  test('regression: a provider error with terminal escapes is printed without them (stdin not a terminal: the progress lines printed them raw)', async () => {
    // An OSC 52 clipboard write, a screen clear and a C1 CSI, as a hostile provider could put in its error message.
    mocks.b.setScenario({ type: 'status', status: 400, message: 'bad model \u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31m end' });
    const r = await cli([...base, '--yes', '--no-checks', '--results', join(t.dir, 'ctrl.jsonl')], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.partial, r.stderr);
    assert.match(r.stderr, /B \(openai:gpt-5\): failed — .*bad model \?\]52;c;cHduZWQ=\?\?\[2J\?31m end/, 'the milestone names the error, its controls shown as ?');
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    assert.ok(!controls.test(r.stderr), JSON.stringify(r.stderr));
    assert.ok(!controls.test(r.stdout), JSON.stringify(r.stdout));
  });

  test('a missing key or unknown preset is a usage/config error (exit 2) before anything is built or sent', async () => {
    const n = mocks.a.requests.length;
    const r = await cli([...base, '--yes'], { cwd: t.dir, env: { OPENAI_API_KEY: KEY } });
    assert.equal(r.code, EXIT.usage);
    assert.match(r.stderr, /no API key for Anthropic\. Set the environment variable ANTHROPIC_API_KEY/);
    const bad = await cli(['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'nosuch:model', '--b', 'openai:gpt-5', '--yes'], { cwd: t.dir, env });
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.stderr, /Unknown provider preset "nosuch"/);
    assert.equal(mocks.a.requests.length, n);
  });

  test('Ctrl-C during the run: exit 130, nothing recorded', async () => {
    mocks.a.setScenario(scenarios.hang());
    const ctl = new AbortController();
    const results = join(t.dir, 'int.jsonl');
    setTimeout(() => ctl.abort(), 300);
    const r = await cli([...base, '--yes', '--no-checks', '--results', results], { cwd: t.dir, env, signal: ctl.signal });
    assert.equal(r.code, EXIT.interrupted);
    assert.equal(comparisons(results).length, 0);
  });
});
