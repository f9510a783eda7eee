// Regression: with no file descriptor left (EMFILE: a process holding as many files as its limit allows, as a large
// workspace's watchers can), Node's spawn returns before the child's pipes exist. runGit read them anyway: it rejected
// (it never should), and the 'error' Node emits next had no listener, so the whole process died (the extension host,
// the CLI, or the git host, whose calls then never came back). The PDF reader rejected with "child.send is not a
// function". Now git fails as `spawn` and the PDF read as `ok: false`, each saying EMFILE.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTextPdf } from '../../fakes/fakeArxivPdf';
import { committedRepo } from './gitFixture';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-emfile-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

const src = (p: string): string => join(__dirname, '..', '..', '..', 'src', ...p.split('/')).replace(/\\/g, '/');

/**
 * Runs `call` (an expression awaited in a fresh process, after every module is loaded and every descriptor below a
 * limit of 256 is taken) and returns what it printed: its result as JSON, or why it failed.
 */
function withoutDescriptors(call: string): string {
  const code = `
    import { closeSync, openSync } from 'node:fs';
    import { runGit } from ${JSON.stringify(src('core/git/runGit.ts'))};
    import { useGitHost } from ${JSON.stringify(src('core/git/gitHost.ts'))};
    import { readPdfText } from ${JSON.stringify(src('core/paper/pdfOffThread.ts'))};
    void runGit; void useGitHost; void readPdfText;
    process.on('uncaughtException', (e) => { console.log('died: ' + e.message); process.exit(1); });
    const taken = [];
    try { for (;;) taken.push(openSync('/dev/null', 'r')); } catch { /* none left */ }
    let out;
    try { out = JSON.stringify(await ${call}); } catch (e) { out = 'rejected: ' + e.message; }
    for (const fd of taken) closeSync(fd);
    console.log(out);
    process.exit(0);`;
  const r = spawnSync('sh', ['-c', 'ulimit -n 256 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, code],
    { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..'), timeout: 60_000 });
  return `${r.stdout}${r.stderr}`.trim();
}

describe('out of file descriptors', { skip: process.platform !== 'linux' && 'descriptors are exhausted through ulimit and /dev/null (Linux)' }, () => {
  test('regression: git fails as `spawn` saying EMFILE, in-process and when the git host cannot start (runGit rejected and the process died)', () => {
    const root = committedRepo(join(base, 'repo'), { 'a.py': 'a = 1\n' });
    for (const mode of ['false', 'true']) {
      const out = withoutDescriptors(`(useGitHost(${mode}), runGit(['rev-parse', 'HEAD'], { cwd: ${JSON.stringify(root)} }))`);
      const line = out.split('\n').pop() ?? '';
      assert.ok(line.startsWith('{'), `host ${mode}: ${out}`);
      const r = JSON.parse(line) as { ok: boolean; failure?: string; stderr: string };
      assert.equal(r.ok, false);
      assert.equal(r.failure, 'spawn');
      assert.match(r.stderr, /EMFILE/);
    }
  });

  test('regression: the PDF reader resolves with why it could not start (it rejected: "child.send is not a function")', () => {
    const pdf = [...buildTextPdf([['A title', 'Some text.']])];
    const out = withoutDescriptors(`readPdfText(new Uint8Array(${JSON.stringify(pdf)}), { deadlineMs: 20000 })`);
    const line = out.split('\n').pop() ?? '';
    assert.ok(line.startsWith('{'), out);
    const r = JSON.parse(line) as { ok: boolean; error?: string };
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /could not read the PDF: spawn .*EMFILE/);
  });
});
