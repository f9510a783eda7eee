/** The messages between runGit (main thread) and the git host process (see gitHost.ts, gitHostMain.ts). */
import type { GitResult } from './gitTypes';

/** Main thread → host: run git (args complete, env whole; stream: send stdout as it arrives), or stop a run. */
export type ToGitHost =
  | { type: 'run'; id: number; args: string[]; cwd: string; env: NodeJS.ProcessEnv; input?: string | Buffer; okCodes?: number[];
      maxBuffer?: number; timeoutMs?: number; maxMemory?: number; stream: boolean }
  | { type: 'abort'; id: number };

/** Host → main thread: ready for runs, a piece of a streamed run's stdout, or a run's result. */
export type FromGitHost =
  | { type: 'ready' }
  | { type: 'data'; id: number; chunk: Uint8Array }
  | { type: 'done'; id: number; result: Omit<GitResult, 'stdout'> & { stdout: Uint8Array } };
