import * as path from 'node:path';
import * as fs from 'node:fs';

/** Mocha entry the extension host calls (yo-code style): resolves when every suite passed. */
export function run(): Promise<void> {
  // mocha comes from the project's node_modules (NODE_PATH is ignored in the extension host).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is only known at run time
  const Mocha = require(process.env.PAIRWISE_MOCHA || 'mocha') as typeof import('mocha');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  // The untrusted suite needs a host that opened the workspace untrusted (PAIRWISE_TEST_UNTRUSTED=1); it runs alone there.
  const untrusted = process.env.PAIRWISE_TEST_UNTRUSTED === '1';
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
