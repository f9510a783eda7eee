/** Small real git repositories for the security tests (real git, a fixed author, no user config needed). */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

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

/** True while a process with this id runs (and is not a zombie); Linux (/proc). */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A stand-in git first on PATH: see installHungGit. */
export interface HungGit {
  /** Where the stuck ls-tree writes its process id. */
  pidFile: string;
  /** The stuck ls-tree's process id (its pid file must exist). */
  hungPid(): number;
  /** Puts PATH back and kills a stuck ls-tree still running. */
  restore(): void;
}

/**
 * Puts a stand-in git first on PATH (in base/bin): every call goes to the real git except `ls-tree`, which writes its
 * process id to the pid file and sleeps 300 s, as a stuck git would.
 */
export function installHungGit(base: string): HungGit {
  const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  const bin = join(base, 'bin');
  const pidFile = join(base, 'hung.pid');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do if [ "$a" = ls-tree ]; then echo $$ > '${pidFile}'; exec sleep 300; fi; done\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const oldPath = process.env.PATH;
  process.env.PATH = `${bin}${delimiter}${oldPath ?? ''}`;
  const hungPid = (): number => Number(readFileSync(pidFile, 'utf8').trim());
  return {
    pidFile,
    hungPid,
    restore: () => {
      process.env.PATH = oldPath;
      if (existsSync(pidFile) && alive(hungPid())) process.kill(hungPid(), 'SIGKILL');
    },
  };
}
