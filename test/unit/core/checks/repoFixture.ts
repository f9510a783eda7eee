// Builds small real git repositories for the checks tests (no network, no global git config needed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or a symlink to create instead. */
export type FixtureEntry = string | { symlink: string };

/** A temporary git repo with one or more commits. */
export interface RepoFixture {
  root: string;
  /** Sha of the latest commit. */
  head: string;
  git(...args: string[]): string;
  /** Writes files (and symlinks) and commits them; returns the new sha. */
  commit(files: Record<string, FixtureEntry>, message?: string): string;
  cleanup(): void;
}

const IDENTITY = ['-c', 'user.name=Pairwise Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false',
  '-c', 'core.hooksPath=/dev/null', '-c', 'init.defaultBranch=main'];

/** Creates a repo in a temp dir with `files` as its first commit. */
export function makeRepo(files: Record<string, FixtureEntry>): RepoFixture {
  const root = mkdtempSync(join(tmpdir(), 'pairwise-test-repo-'));
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const git = (...args: string[]): string => execFileSync('git', [...IDENTITY, ...args], { cwd: root, env, encoding: 'utf8' }).trim();
  git('init', '-q');
  const fx: RepoFixture = {
    root, head: '', git,
    commit(more, message = 'change') {
      for (const [path, entry] of Object.entries(more)) {
        const abs = join(root, path);
        mkdirSync(dirname(abs), { recursive: true });
        rmSync(abs, { force: true });
        if (typeof entry === 'string') writeFileSync(abs, entry);
        else symlinkSync(entry.symlink, abs);
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      fx.head = git('rev-parse', 'HEAD');
      return fx.head;
    },
    cleanup() { rmSync(root, { recursive: true, force: true }); },
  };
  fx.commit(files, 'initial');
  return fx;
}

/** The worktrees git knows for the repo (paths). */
export function worktreePaths(fx: RepoFixture): string[] {
  return fx.git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice(9));
}
