/** Builds throwaway repositories (git or plain folders) in a temp dir for context tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temp repository and its cleanup. */
export interface TempRepo {
  root: string;
  cleanup(): void;
  git(...args: string[]): string;
}

/** Runs git in a repo with a fixed identity and no system/global config. */
export function gitIn(root: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    encoding: 'utf8',
  });
}

/** Writes files (parents created) under root. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Creates a temp folder with files; with git: true, initializes a repo and commits everything. */
export function makeRepo(files: Record<string, string | Buffer>, opts: { git?: boolean; name?: string } = {}): TempRepo {
  const parent = mkdtempSync(join(tmpdir(), 'pw-ctx-'));
  const root = join(parent, opts.name ?? 'demo-repo');
  mkdirSync(root);
  writeFiles(root, files);
  if (opts.git) {
    gitIn(root, ['init', '-q', '-b', 'main']);
    gitIn(root, ['add', '-A']);
    gitIn(root, ['commit', '-q', '-m', 'initial']);
  }
  return { root, cleanup: () => rmSync(parent, { recursive: true, force: true }), git: (...args) => gitIn(root, args) };
}
