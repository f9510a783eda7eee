import { runGit } from './runGit';

/** A file's text at a commit, read with plumbing (`cat-file blob`: no textconv, filter or pager); '' when absent or unsafe to ask for. */
export async function readFileAtCommit(root: string, commit: string, path: string): Promise<string> {
  if (!/^[0-9a-f]{7,64}$/i.test(commit) || path === '' || /[\0\n\r]/.test(path)) return '';
  const r = await runGit(['cat-file', 'blob', `${commit}:${path}`], { cwd: root, maxBuffer: 32 * 1024 * 1024, timeoutMs: 30_000 });
  return r.ok ? r.stdout.toString('utf8') : '';
}
