/** How Pairwise runs git in a repo it has not vetted: no hooks, fsmonitor, pager, external diff, prompts or system config. */

/** Flags put before every git subcommand. */
export const SAFE_GIT_FLAGS: readonly string[] = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.quotePath=false',
  '-c', 'color.ui=false',
  '-c', 'diff.external=',
];

const DROPPED_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_PREFIX', 'GIT_EXTERNAL_DIFF'];

/** Environment for git: no inherited repo overrides, no system config, no prompts, no LFS downloads, C locale. */
export function safeGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of DROPPED_ENV) delete env[k];
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat',
    GIT_LFS_SKIP_SMUDGE: '1', LC_ALL: 'C' });
  return env;
}
