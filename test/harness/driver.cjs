#!/usr/bin/env node
// Runs the Mocha integration suite inside the real VS Code extension host (see host.cjs).
//   node driver.cjs --extension DIR --tests INDEX_JS [--workspace DIR] [--timeout SEC]
// Exit: 0 all passed, 1 tests failed, 2 harness error, 124 timeout, 130/143 signal.
// Prints mocha's report and a closing line "vscode: N passed, N failed".
'use strict';
const path = require('node:path');
const { startHost } = require('./host.cjs');

const opt = { extension: path.resolve(__dirname, '../..'), tests: '', workspace: '', timeout: '900' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in opt) || process.argv[i + 1] === undefined) { console.error(`driver: bad argument ${process.argv[i]}`); process.exit(2); }
  opt[k] = process.argv[i + 1];
}
let host, finished = false;
async function finish(code, why) {
  if (finished) return; finished = true;
  if (why) console.error(`[driver] ${why}`);
  if (code !== 0 && host) console.error(`--- server log (tail) ---\n${host.serverLog().slice(-4000)}`);
  await host?.close();
  process.exit(code);
}
setTimeout(() => finish(124, `timeout after ${opt.timeout} s`), opt.timeout * 1000).unref();
for (const [s, c] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.on(s, () => finish(c, `${s} received`));

(async () => {
  // PAIRWISE_TEST_UNTRUSTED=1: the workspace opens untrusted and index.ts runs only the untrusted suite.
  host = await startHost({ workspace: opt.workspace || undefined, env: { PAIRWISE_TEST: '1' }, trusted: process.env.PAIRWISE_TEST_UNTRUSTED !== '1' });
  const counts = {}; let done = false;
  const t0 = Date.now();
  const { exited } = await host.openPage({ extension: opt.extension, tests: opt.tests, onLog: (level, line) => {
    if (done) return;
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (m) counts[m[2]] = Number(m[1]);
    if (process.env.PAIRWISE_HOST_VERBOSE || !host.NOISE.test(line)) (level === 'error' ? console.error : console.log)(line);
  } });
  const code = await exited; done = true;
  console.log(`[driver] extension host exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`vscode: ${counts.passing || 0} passed, ${counts.failing || (code === 0 ? 0 : Math.max(1, counts.failing || 0))} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`);
  await finish(code === 0 ? 0 : 1, code === 0 ? '' : 'tests failed');
})().catch((e) => finish(2, `harness error: ${e.stack || e}`));
