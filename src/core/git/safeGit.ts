// How Pairwise runs git in a repository it has not vetted. Two layers:
// 1. fixed `-c` overrides (command-line config beats every config file, includes too) for each key git
//    documents as naming a program or changing what a read-only command runs (git-config(1), githooks(5),
//    gitattributes(5));
// 2. per-repository overrides for driver names that cannot be listed in advance (`filter.<name>.*`,
//    `diff.<name>.*`, `merge.<name>.*`): the repository's effective config is read (`git config --list`,
//    which only reads files) and every driver it defines gets its program set to the empty string, which
//    git treats as "no driver". A driver named only in .gitattributes but defined nowhere runs nothing.
// Callers also prefer plumbing that runs no driver at all (ls-files, ls-tree, cat-file, rev-parse).

/** Fixed config overrides put before every git subcommand (`-c key=value`). */
export const SAFE_CONFIG: readonly (readonly [string, string])[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  ['sequence.editor', 'false'],
  ['core.askPass', ''],
  ['core.sshCommand', 'false'],
  ['core.gitProxy', ''],
  ['core.alternateRefsCommand', ''],
  ['core.quotePath', 'false'],
  ['core.untrackedCache', 'false'],
  ['color.ui', 'false'],
  ['diff.external', ''],
  ['interactive.diffFilter', ''],
  ['log.showSignature', 'false'],
  ['gpg.program', ''],
  ['gpg.openpgp.program', ''],
  ['gpg.x509.program', ''],
  ['gpg.ssh.program', ''],
  ['gpg.ssh.defaultKeyCommand', ''],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['credential.helper', ''],
  ['protocol.allow', 'never'],
  ['submodule.recurse', 'false'],
  ['uploadpack.packObjectsHook', ''],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['core.attributesFile', '/dev/null'],
  // Files a repository's config may name that git log reads to their end (or line by line, for ever): a link to
  // /dev/zero made the recent-changes log grow at 400 MB/s (diff.orderFile) or spin (mailmap.file) until its timeout.
  ['diff.orderFile', '/dev/null'],
  ['log.mailmap', 'false'],
  // Paths Windows or macOS would read as `.git` are refused by every command that writes or reads a tree (checkout,
  // apply, read-tree), whatever the repository's own config says (a repository can turn both off).
  ['core.protectHFS', 'true'],
  ['core.protectNTFS', 'true'],
];

/** Flags put before every git subcommand. */
export const SAFE_GIT_FLAGS: readonly string[] = ['--no-pager', ...SAFE_CONFIG.flatMap(([k, v]) => ['-c', `${k}=${v}`])];

/** Variables of each driver kind that name a program (or make a missing program fatal). */
const DRIVER_KEYS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  filter: [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']],
  diff: [['command', ''], ['textconv', ''], ['cachetextconv', 'false']],
  merge: [['driver', '']],
};

/** Config keys `-c` cannot name safely (a driver name may hold `=`), passed as GIT_CONFIG_KEY_n / VALUE_n. */
export type ConfigPairs = readonly (readonly [string, string])[];

/**
 * From `git config --null --list` output, the overrides that disable every filter, diff and merge driver the
 * repository (or any file it includes) defines. Driver names may contain dots: the variable is after the last one.
 */
export function driverOverrides(configList: string): ConfigPairs {
  const names = new Map<string, Set<string>>();
  for (const entry of configList.split('\0')) {
    const key = entry.split('\n', 1)[0];
    const first = key.indexOf('.');
    const last = key.lastIndexOf('.');
    if (first <= 0 || last <= first) continue;
    const section = key.slice(0, first).toLowerCase();
    if (!(section in DRIVER_KEYS)) continue;
    const set = names.get(section) ?? new Set<string>();
    set.add(key.slice(first + 1, last));
    names.set(section, set);
  }
  const out: [string, string][] = [];
  for (const [section, set] of names) {
    for (const name of set) for (const [v, value] of DRIVER_KEYS[section]) out.push([`${section}.${name}.${v}`, value]);
  }
  return out;
}

/** True when `git config --null --list` output sets core.worktree (keys are printed lower-cased). */
export function setsWorkTree(configList: string): boolean {
  return configList.split('\0').some((entry) => entry.split('\n', 1)[0].toLowerCase() === 'core.worktree');
}

const DROPPED_ENV = /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_PREFIX|GIT_EXTERNAL_DIFF|GIT_CONFIG_PARAMETERS|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_CONFIG|GIT_EXEC_PATH|GIT_PAGER|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_ASKPASS|GIT_SSH|GIT_SSH_COMMAND|GIT_PROXY_COMMAND|GIT_TRACE\w*|GIT_ATTR_SOURCE|GIT_SHALLOW_FILE)$/;

/**
 * Environment for git: no inherited repo overrides, no system config or system attributes, no prompts, no LFS
 * downloads, no optional locks, C locale; `extra` config pairs go through GIT_CONFIG_COUNT (names never parsed).
 */
export function safeGitEnv(extra: ConfigPairs = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED_ENV.test(k)) env[k] = v;
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1', GIT_ATTR_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat', GIT_EDITOR: 'false', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_LFS_SKIP_SMUDGE: '1', GIT_NO_REPLACE_OBJECTS: '1',
    GIT_PROTOCOL_FROM_USER: '0', LC_ALL: 'C',
    PAIRWISE_GIT: '1', // marks git processes Pairwise started (tests tell them from an editor's own git calls)
  });
  if (extra.length > 0) {
    env.GIT_CONFIG_COUNT = String(extra.length);
    extra.forEach(([k, v], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = k;
      env[`GIT_CONFIG_VALUE_${i}`] = v;
    });
  }
  return env;
}
