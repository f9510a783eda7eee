/** What a git call takes and gives (runGit, the git host and the local spawner share them). */

/** Outcome of one git invocation; never thrown. */
export interface GitResult {
  /** Exit code 0 (or one of `okCodes`). */
  ok: boolean;
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /**
   * Set when git could not start, was aborted, timed out, overflowed the output or memory cap, the repo config could not be read,
   * or the folder's `.git` names another project's git directory (`foreign`: git is not run there), or git was
   * stopped while it waited to open a FIFO (`fifo`: see fifoWatch).
   */
  failure?: 'spawn' | 'aborted' | 'timeout' | 'overflow' | 'config' | 'foreign' | 'fifo';
}

/** Options of runGit. */
export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Exit codes that count as success besides 0 (git grep exits 1 when nothing matches). */
  okCodes?: number[];
  /** Output cap in bytes (default 256 MB); more fails the call with `overflow`. */
  maxBuffer?: number;
  /** Kills git after this many milliseconds (failure `timeout`); default GIT_CEILING_MS. */
  timeoutMs?: number;
  /** Kills git when it, or a git it started, holds more memory than this, in bytes (default 2 GiB; Linux; failure `overflow`). */
  maxMemory?: number;
  /** Receives stdout as it arrives instead of buffering it (the result's stdout is then empty). */
  onData?: (chunk: Buffer) => void;
}

/**
 * The longest any git call may run when its caller sets no shorter timeout. Git stuck on something the watch does not
 * recognise (a read from a device, a lock never released) was otherwise waited on until the user cancelled; the
 * longest legitimate call (checking out a very large repository for the checks) takes a few minutes.
 */
export const GIT_CEILING_MS = 10 * 60_000;

/** Memory one git process may hold (Pairwise's largest calls, a listing of a million files, take a few hundred MB). */
export const MAX_GIT_MEMORY = 2 * 1024 * 1024 * 1024;
