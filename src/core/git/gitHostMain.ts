// The git host's entry (bundled as dist/gitHostMain.js; see gitHost.ts): a small process that starts git for the main
// thread, each run watched as in runGit (spawnLocal), and stops every git it runs when the main thread goes away.
import type { FromGitHost, ToGitHost } from './gitHostProtocol';
import { spawnLocal } from './spawnLocal';

const running = new Map<number, AbortController>();

function send(m: FromGitHost): void {
  if (process.connected) process.send?.(m);
}

process.on('message', (m: ToGitHost) => {
  if (m.type === 'abort') {
    running.get(m.id)?.abort();
    return;
  }
  const stop = new AbortController();
  running.set(m.id, stop);
  const onData = m.stream ? (chunk: Buffer) => send({ type: 'data', id: m.id, chunk }) : undefined;
  void spawnLocal(m.args, { cwd: m.cwd, input: m.input, okCodes: m.okCodes, maxBuffer: m.maxBuffer, timeoutMs: m.timeoutMs, maxMemory: m.maxMemory,
    signal: stop.signal, onData }, m.env).then((result) => {
    running.delete(m.id);
    send({ type: 'done', id: m.id, result });
  });
});

// The main thread is gone (it exited, was killed, or closed the channel): every git still running is stopped with the
// processes it started (spawnLocal's abort kills the tree at once), then the host exits.
process.on('disconnect', () => {
  for (const stop of running.values()) stop.abort();
  process.exit(0);
});

// Ctrl-C in a terminal signals the whole process group: what it means is for the process that asked (the CLI stops
// cleanly and still runs git), and the git running here gets it as it would in-process. Ending here instead failed
// every git in flight as "could not run git" and forked the rest in-process.
process.on('SIGINT', () => { /* the process that asked decides */ });

send({ type: 'ready' });
