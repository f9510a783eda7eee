/** Small real git repositories for the security tests (real git, a fixed author, no user config needed). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Runs git in root and returns its output, trimmed. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args]).toString().trim();
}

/** Commits what is staged in root (with --allow-empty and the like in extra), as a fixed author. */
export function commit(root: string, message = 'one', ...extra: string[]): void {
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', ...extra, '-m', message);
}

/** A repository at root whose one commit holds files (path to text); returns root. */
export function committedRepo(root: string, files: Record<string, string>): string {
  mkdirSync(root, { recursive: true });
  execFileSync('git', ['init', '-q', root]);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  git(root, 'add', '.');
  commit(root);
  return root;
}
