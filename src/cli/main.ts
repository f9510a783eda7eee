// Entry point of the `pairwise` bin: wires the real process into runCli (streams, env, TTY, Ctrl-C).
import { createInterface } from 'node:readline/promises';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { runCli } from './run';

const interrupt = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(EXIT.interrupted);
  process.stderr.write('\npairwise: stopping (finished cells are kept); press Ctrl-C again to quit at once\n');
  interrupt.abort();
});

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  signal: interrupt.signal,
  columns: process.stderr.columns,
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try { return await rl.question(question, { signal: interrupt.signal }); } catch { return ''; } finally { rl.close(); }
  },
};

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = interrupt.signal.aborted ? EXIT.interrupted : code;
  // Let stdout drain, but never hang on a stray socket or timer.
  setTimeout(() => process.exit(), 2000).unref();
});
