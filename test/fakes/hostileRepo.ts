// A hostile repository built on the fly (nothing binary is committed): every git configuration key that can
// name a program points at a script that leaves a marker file, and the work tree holds every containment trick
// (a tracked folder swapped for a symlink to a folder outside, an index entry with `..`, symlinks to .env and
// to .git/config, a symlinked root). Tests run Pairwise on it and assert no marker appears and no canary byte
// reaches a payload; `armed()` proves the traps fire when git is run naively.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Strings that must never appear in anything Pairwise sends or stores. */
export const CANARIES = {
  outside: 'CANARY_OUTSIDE_ROOT_5d1e',
  dotdot: 'CANARY_DOTDOT_ENTRY_9b2c',
  env: 'CANARY_DOTENV_VALUE_3f7a',
  gitConfig: 'CANARY_GIT_CONFIG_8e4d',
  gitDir: 'CANARY_GIT_DIR_FILE_2a6b',
} as const;

/** Config keys (and hooks) given a marker-writing program; each marker file is named after its key. */
export const PROGRAM_KEYS = [
  'core.fsmonitor', 'core.pager', 'core.editor', 'sequence.editor', 'core.askPass', 'core.sshCommand', 'core.gitProxy',
  'core.alternateRefsCommand', 'diff.external', 'diff.evil.textconv', 'diff.evil.command', 'filter.evil.clean',
  'filter.evil.smudge', 'filter.evilproc.process', 'merge.evil.driver', 'gpg.program', 'gpg.openpgp.program',
  'gpg.ssh.program', 'gpg.x509.program', 'gpg.ssh.defaultKeyCommand', 'credential.helper', 'interactive.diffFilter',
  'uploadpack.packObjectsHook', 'pager.log', 'pager.show', 'pager.grep', 'pager.diff', 'pager.status', 'pager.config',
  'pager.ls-files', 'pager.cat-file',
] as const;

const HOOKS = ['post-checkout', 'pre-commit', 'post-commit', 'reference-transaction', 'post-index-change', 'pre-auto-gc',
  'post-rewrite', 'fsmonitor-watchman', 'pre-applypatch', 'post-applypatch', 'applypatch-msg', 'post-merge', 'push-to-checkout'];

/** A built hostile repository and the places to look for evidence. */
export interface HostileRepo {
  /** Temp folder holding everything (removed by cleanup). */
  base: string;
  /** The repository (real path). */
  root: string;
  /** A symlink to root (the "symlinked root component" case). */
  linkedRoot: string;
  /** Folder the marker programs write into. */
  markers: string;
  /** Marker files written so far (should stay empty). */
  fired(): string[];
  /** Markers written by a program that a git process Pairwise started ran (an editor's own git may run others). */
  firedByPairwise(): string[];
  /** Every canary string found in text. */
  leaks(text: string): string[];
  cleanup(): void;
}

const IDENTITY = ['-c', 'user.name=Hostile', '-c', 'user.email=hostile@example.invalid', '-c', 'commit.gpgsign=false',
  '-c', 'core.hooksPath=/dev/null', '-c', 'init.defaultBranch=main'];

/** Writes the marker program for `name`: records that it ran, passes stdin through when it is a filter. */
function markerScript(dir: string, markers: string, name: string, passThrough: boolean): string {
  const path = join(dir, `mark-${name.replace(/[^\w.-]/g, '_')}`);
  const body = passThrough ? 'exec cat' : 'exit 0';
  writeFileSync(path, `#!/bin/sh\necho "pairwise=\${PAIRWISE_GIT:-0} $0 $*" >> '${join(markers, name)}'\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * Builds the hostile repository under a fresh temp folder, or turns `existingRoot` (a git repository with at
 * least one commit, e.g. the integration workspace) into one; markers and outside files live in a temp folder.
 */
export function buildHostileRepo(existingRoot?: string): HostileRepo {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-hostile-')));
  const root = existingRoot ? realpathSync(existingRoot) : join(base, 'repo');
  const markers = join(base, 'markers');
  const bin = join(base, 'bin');
  for (const d of [root, markers, bin, join(base, 'outside'), join(base, 'hooks')]) mkdirSync(d, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (args: string[], input?: string | Buffer): string =>
    execFileSync('git', [...IDENTITY, ...args], { cwd: root, env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) }).trim();
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };

  // Outside the root: a folder a tracked folder will be swapped for, and the file an `..` index entry names.
  writeFileSync(join(base, 'outside', 'readme.md'), `# outside\n${CANARIES.outside}\n`);
  writeFileSync(join(base, 'outside', 'canary.txt'), `${CANARIES.dotdot}\n`);

  // 1. Plain content, committed before any trap is armed.
  write('src/app.ts', 'export function parseTable(x: string): string[] {\n  return x.split(",");\n}\n');
  write('src/notes.md', '# Notes\nparseTable caches nothing yet.\n');
  write('docs/readme.md', '# Docs\nHow to parse tables.\n');
  write('tools/run.py', 'def main():\n    return 0\n');
  write('.gitattributes', '* filter=evil diff=evil merge=evil\n*.md filter=evilproc\n*.py filter=included\n*.ts filter=infoattr\n');
  if (!existingRoot) git(['init', '-q']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'initial']);

  // 2. A commit carrying a signature, so log.showSignature would call gpg.program.
  const raw = git(['cat-file', 'commit', 'HEAD']);
  const signed = raw.replace(/^(committer .*)$/m, '$1\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEEhostilehostilehostile=\n -----END PGP SIGNATURE-----');
  const sha = git(['hash-object', '-t', 'commit', '-w', '--stdin'], `${signed}\n`);
  git(['update-ref', 'HEAD', sha]);

  // 3. An index entry whose path climbs out of the root: git refuses `..`, so the entry is added under a
  // same-length name that sorts the same way and the index bytes are patched (checksum recomputed).
  const blob = git(['hash-object', '-w', '--stdin'], 'placeholder\n');
  git(['update-index', '--add', '--cacheinfo', `100644,${blob},.-/outside/canary.txt`]);
  const indexPath = join(root, '.git', 'index');
  const index = readFileSync(indexPath);
  const at = index.indexOf('.-/outside/canary.txt');
  if (at < 0) throw new Error('hostile repo: placeholder index entry not found');
  index.write('..', at, 'latin1');
  createHash('sha1').update(index.subarray(0, index.length - 20)).digest().copy(index, index.length - 20);
  writeFileSync(indexPath, index);

  // 4. Containment tricks in the work tree.
  rmSync(join(root, 'docs'), { recursive: true });
  symlinkSync(join(base, 'outside'), join(root, 'docs')); // tracked folder -> folder outside the root
  write('.env', `API_TOKEN=${CANARIES.env}\n`);
  symlinkSync('../.env', join(root, 'src', 'settings.txt')); // innocent name -> .env
  symlinkSync('../.git/config', join(root, 'src', 'config.txt')); // innocent name -> .git/config
  symlinkSync(join(base, 'outside', 'canary.txt'), join(root, 'src', 'abs-link.txt')); // absolute link outside
  writeFileSync(join(root, '.git', 'description'), `${CANARIES.gitDir}\n`);
  symlinkSync('../.git/description', join(root, 'src', 'description.txt'));
  const linkedRoot = join(base, 'linked-root'); // (removed with base; an existing root itself is left in place)
  symlinkSync(root, linkedRoot);
  // A tracked file changed on disk, so `git status` would push it through the clean filter.
  write('src/app.ts', 'export function parseTable(x: string): string[] {\n  return x.split(";");\n}\n');

  // 5. Arm the traps: hooks in both hook folders, then the configuration (written as text: nothing runs).
  for (const h of HOOKS) {
    for (const dir of [join(root, '.git', 'hooks'), join(base, 'hooks')]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, h), `#!/bin/sh\necho "pairwise=\${PAIRWISE_GIT:-0} $0" >> '${join(markers, `hook.${h}`)}'\nexit 0\n`);
      chmodSync(join(dir, h), 0o755);
    }
  }
  const filterKeys = new Set(['filter.evil.clean', 'filter.evil.smudge', 'core.pager', 'diff.evil.textconv', 'interactive.diffFilter']);
  const lines: string[] = [];
  for (const key of PROGRAM_KEYS) {
    const prog = markerScript(bin, markers, key, filterKeys.has(key) || key.startsWith('pager.'));
    const dot = key.lastIndexOf('.');
    const first = key.indexOf('.');
    const section = first === dot ? `[${key.slice(0, first)}]` : `[${key.slice(0, first)} "${key.slice(first + 1, dot)}"]`;
    lines.push(section, `\t${key.slice(dot + 1)} = ${prog}`);
  }
  const includedProg = markerScript(bin, markers, 'filter.included.clean', true);
  const infoProg = markerScript(bin, markers, 'filter.infoattr.clean', true);
  const includedFsmonitor = markerScript(bin, markers, 'include.core.fsmonitor', false);
  writeFileSync(join(base, 'included.cfg'), `[filter "included"]\n\tclean = ${includedProg}\n\tsmudge = ${includedProg}\n\trequired = true\n[core]\n\tfsmonitor = ${includedFsmonitor}\n`);
  writeFileSync(join(base, 'included-if.cfg'), `[filter "infoattr"]\n\tclean = ${infoProg}\n\tsmudge = ${infoProg}\n`);
  mkdirSync(join(root, '.git', 'info'), { recursive: true });
  writeFileSync(join(root, '.git', 'info', 'attributes'), '*.txt filter=included diff=evil\n');
  lines.push('[filter "evil"]', '\trequired = true', '[log]', '\tshowSignature = true', '[core]', `\thooksPath = ${join(base, 'hooks')}`,
    '[submodule]', '\trecurse = true', '[pairwise]', `\tcanary = ${CANARIES.gitConfig}`, '[remote "origin"]',
    `\turl = https://user:${CANARIES.gitConfig}@example.invalid/hostile.git`,
    '[include]', `\tpath = ${join(base, 'included.cfg')}`, `[includeIf "gitdir:${root}/"]`, `\tpath = ${join(base, 'included-if.cfg')}`);
  writeFileSync(join(root, '.git', 'config'), `${readFileSync(join(root, '.git', 'config'), 'utf8')}${lines.join('\n')}\n`);

  return {
    base, root, linkedRoot, markers,
    fired: () => readdirSync(markers).sort(),
    firedByPairwise: () => readdirSync(markers).filter((m) => readFileSync(join(markers, m), 'utf8').includes('pairwise=1')).sort(),
    leaks: (text: string) => Object.values(CANARIES).filter((c) => text.includes(c)),
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
