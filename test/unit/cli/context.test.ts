import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext } from '../../../src/core/context/buildContext';
import { loadPaper } from '../../../src/core/paper/loadPaper';
import type { ContextManifest } from '../../../src/core/context/types';
import { terminalText } from '../../../src/cli/io';
import { cli, makeRepo, tempDir } from './cliHarness';

describe('pairwise context', () => {
  const t = tempDir();
  let repo = '';
  before(() => {
    repo = makeRepo(join(t.dir, 'repo'), { 'src/cache.py': 'def lookup(k):\n    return k\n', 'README.md': '# cache\n',
      'settings.py': 'API_KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV"\n' });
    writeFileSync(join(t.dir, 'paper.md'), '# LRU caches\n\n## Abstract\n\nAn LRU cache for lookups.\n');
  });
  after(() => t.cleanup());

  test('--json prints the manifest; --out writes exactly the bytes core would send', async () => {
    const out = join(t.dir, 'prompt.txt');
    const r = await cli(['context', '--repo', 'repo', '--paper', 'paper.md', '--budget', '3000', '--json', '--out', out], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout) as ContextManifest;
    assert.equal(m.schema, 'pairwise-manifest/1');
    assert.equal(m.budgetTokens, 3000);
    assert.ok(m.files.some((f) => f.path === 'src/cache.py'));
    assert.equal(m.papers[0].title, 'LRU caches');
    const paper = await loadPaper(join(t.dir, 'paper.md'), { cacheDir: join(t.dir, 'cache') });
    assert.ok(paper.ok);
    const core = await buildContext({ repoRoot: repo, paper: paper.paper, budgetTokens: 3000 });
    assert.ok(core.ok);
    assert.equal(readFileSync(out, 'utf8'), core.promptBytes, 'prompt file is byte-identical to buildContext');
    assert.equal(m.manifestHash, core.manifest.manifestHash);
    assert.ok(!readFileSync(out, 'utf8').includes('sk-ant-api03-abcdef'), 'the key never reaches the prompt');
  });

  test('selection mode: --pool takes a folder of papers or a list file', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(t.dir, 'pool'), { recursive: true });
    writeFileSync(join(t.dir, 'pool', 'a.md'), '# Paper A\n\nAbout caches.\n');
    writeFileSync(join(t.dir, 'pool', 'b.txt'), 'Paper B\n\nAbout queues.\n');
    const folder = await cli(['context', '--repo', 'repo', '--mode', 'selection', '--pool', 'pool', '--json'], { cwd: t.dir });
    assert.equal(folder.code, 0, folder.stderr);
    const m = JSON.parse(folder.stdout) as ContextManifest;
    assert.equal(m.mode, 'selection');
    assert.deepEqual(m.papers.map((p) => p.id), ['a', 'b']);
    writeFileSync(join(t.dir, 'pool.txt'), '# my pool\npool/b.txt\npaper.md\n');
    const list = JSON.parse((await cli(['context', '--repo', 'repo', '--mode', 'selection', '--pool', 'pool.txt', '--json'], { cwd: t.dir })).stdout) as ContextManifest;
    assert.deepEqual(list.papers.map((p) => p.id), ['b', 'paper']);
  });

  test('Markdown by default; a missing repo is a runtime failure (exit 1); --pool without selection is a usage error', async () => {
    const md = await cli(['context', '--repo', 'repo', '--brief', 'Use an LRU cache'], { cwd: t.dir });
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Context manifest — repo/);
    const missing = await cli(['context', '--repo', 'nope'], { cwd: t.dir });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /does not exist/);
    assert.equal((await cli(['context', '--repo', 'repo', '--pool', '.'], { cwd: t.dir })).code, 2);
  });

  test('regression: a file name with terminal escapes (ESC, C1 CSI, a newline) reaches the terminal only as visible text, in Markdown and in --json', async () => {
    const names = ['src/\x1b]52;c;Zm9yZ2Vk\x07\x1b[2Jclear.py', 'src/csi\u009b2Jx.py', 'src/nl\n# forged\n.py'];
    const hostile = makeRepo(join(t.dir, 'hostile'), { 'src/ok.py': 'x = 1\n', ...Object.fromEntries(names.map((n) => [n, 'y = 2\n'])) });
    const md = await cli(['context', '--repo', hostile, '--brief', 'Use an LRU cache'], { cwd: t.dir });
    assert.equal(md.code, 0, md.stderr);
    // eslint-disable-next-line no-control-regex
    const terminalControl = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
    assert.ok(!terminalControl.test(md.stdout) && !terminalControl.test(md.stderr), JSON.stringify(md.stdout));
    assert.ok(!md.stdout.includes('\n# forged'), 'a name added a line');
    assert.ok(md.stdout.includes('src/\\u001b]52;c;Zm9yZ2Vk\\u0007'), 'the name is shown, escaped');
    const json = await cli(['context', '--repo', hostile, '--brief', 'Use an LRU cache', '--json'], { cwd: t.dir });
    assert.equal(json.code, 0, json.stderr);
    assert.ok(!terminalControl.test(json.stdout), 'a control character in --json output');
    const m = JSON.parse(json.stdout) as ContextManifest;
    for (const n of names) assert.equal(m.omitted.find((o) => o.path === n)?.reason, 'unsafe_path', JSON.stringify(n));
  });

  test('regression: --out - prints the prompt to a terminal without its control characters (a file\'s escape sequences would run); piped, the exact bytes', async () => {
    const content = 'x = 1  # \x1b]52;c;Zm9yZ2Vk\x07\x1b[2J\u009b2J\r\nrow\twith tab\rback\n';
    const repo = makeRepo(join(t.dir, 'escapes'), { 'src/cache.py': content });
    const tty = await cli(['context', '--repo', repo, '--brief', 'Use an LRU cache', '--out', '-'], { cwd: t.dir, stdoutTty: true });
    assert.equal(tty.code, 0, tty.stderr);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/.test(tty.stdout), JSON.stringify(tty.stdout.slice(0, 400)));
    // The prompt sends the file with its line endings made \n; the terminal shows it with each other control as ?.
    assert.ok(tty.stdout.includes('x = 1  # ?]52;c;Zm9yZ2Vk??[2J?2J\nrow\twith tab\nback\n'), 'the file is shown, controls as ?, tabs kept');
    const piped = await cli(['context', '--repo', repo, '--brief', 'Use an LRU cache', '--out', '-'], { cwd: t.dir });
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(piped.stdout.includes('x = 1  # \x1b]52;c;Zm9yZ2Vk\x07\x1b[2J\u009b2J\nrow\twith tab\nback\n'), 'piped output holds the exact prompt bytes');
    // A document with CRLF line ends (an export's CSV) keeps them on a terminal; a lone CR (it would overwrite the line) does not.
    assert.equal(terminalText('a,b\r\nc\rd\x1b[2J\t\n'), 'a,b\r\nc?d?[2J\t\n');
  });
});
