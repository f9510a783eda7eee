/** Finds the entry file of a worker (the checks' thread, the PDF reader's and the git host's processes), bundled or from sources. */
import { fork, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The entry `name` for a module in dir: dist/<name>.js next to the extension bundle or one folder up from the CLI's
 * chunks (dist/cli/), or <name>.ts beside the module when running from sources under tsx; undefined when none exists.
 */
export function workerEntry(name: string, dir: string): string | undefined {
  return [join(dir, `${name}.js`), join(dir, '..', `${name}.js`), join(dir, `${name}.ts`)].find((p) => existsSync(p));
}

/**
 * Forks a worker process from its entry (see workerEntry): under tsx for a .ts entry, run as Node by VS Code's
 * executable too (ELECTRON_RUN_AS_NODE), messages in the advanced serialization (Buffers as such).
 */
export function forkEntry(path: string, opts: { execArgv?: string[]; stdio: StdioOptions }): ChildProcess {
  return fork(path, [], {
    execArgv: [...(path.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(opts.execArgv ?? [])],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    serialization: 'advanced',
    stdio: opts.stdio,
  });
}
