import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, loadAllCommands, VERSION } from '../../../src/cli/run';
import { EXIT } from '../../../src/cli/exitCodes';
import { cli, ROOT } from './cliHarness';

describe('pairwise (dispatch, help, usage errors)', () => {
  test('help lists every command and the exit codes; version matches package.json', async () => {
    const h = await cli(['help']);
    assert.equal(h.code, 0);
    for (const c of COMMANDS) assert.ok(h.stdout.includes(`  ${c.name} `), c.name);
    assert.match(h.stdout, /0 ok, 1 runtime failure, 2 usage or configuration error, 3 refused/);
    assert.equal((await cli([])).code, 0);
    const v = await cli(['version']);
    assert.equal(v.stdout.trim(), VERSION);
    assert.equal(VERSION, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test('the registry names each command with its own summary (help lists them without loading any)', async () => {
    const loaded = await loadAllCommands();
    assert.deepEqual(COMMANDS.map((e) => [e.name, e.summary]), loaded.map((c) => [c.name, c.summary]));
  });

  test('every command has --help (exit 0, text on stdout, names its flags)', async () => {
    for (const c of await loadAllCommands()) {
      const r = await cli([c.name, '--help']);
      assert.equal(r.code, 0, c.name);
      assert.ok(r.stdout.startsWith(`Usage: pairwise ${c.name}`), c.name);
      for (const flag of Object.keys(c.options)) assert.ok(r.stdout.includes(`--${flag}`), `${c.name} --help mentions --${flag}`);
      assert.equal((await cli(['help', c.name])).stdout, r.stdout);
    }
  });

  test('unknown command, unknown flag, missing value and bad numbers are usage errors (exit 2, stderr)', async () => {
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, EXIT.usage);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.equal(unknown.stdout, '');
    const badFlag = await cli(['report', '--nope']);
    assert.equal(badFlag.code, EXIT.usage);
    assert.match(badFlag.stderr, /Unknown option '--nope'[\s\S]*pairwise report --help/);
    assert.equal((await cli(['compare', '--a'])).code, EXIT.usage);
    assert.equal((await cli(['batch', '--demo', '--concurrency', 'many'])).code, EXIT.usage);
    assert.equal((await cli(['batch'])).code, EXIT.usage);
    assert.equal((await cli(['batch', '--matrix', 'm.yaml', '--shard', '3/2'])).code, EXIT.usage);
    assert.equal((await cli(['export', '--format', 'xml'])).code, EXIT.usage);
    assert.equal((await cli(['report', '--since', 'yesterday-ish'])).code, EXIT.usage);
    assert.equal((await cli(['merge', 'a.jsonl'])).code, EXIT.usage);
    assert.equal((await cli(['import', 'x.jsonl'])).code, EXIT.usage);
    assert.equal((await cli(['check'])).code, EXIT.usage);
  });
});
