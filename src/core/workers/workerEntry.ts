/** Finds the entry file of a worker (the checks' thread, the PDF reader's and the git host's processes), bundled or from sources. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The entry `name` for a module in dir: dist/<name>.js next to the extension bundle or one folder up from the CLI's
 * chunks (dist/cli/), or <name>.ts beside the module when running from sources under tsx; undefined when none exists.
 */
export function workerEntry(name: string, dir: string): string | undefined {
  return [join(dir, `${name}.js`), join(dir, '..', `${name}.js`), join(dir, `${name}.ts`)].find((p) => existsSync(p));
}
