// Child process for the e2e suite and the render bench: starts one mock Anthropic server (side a) and one
// mock OpenAI-compatible server (side b) on 127.0.0.1 and takes JSON-line commands on stdin:
//   {"id":1,"op":"scenario","side":"a","scenario":{"type":"ok","text":"…"}}   (or a list: one per request)
//   {"id":2,"op":"requests"}   -> {"id":2,"a":N,"b":N,"hosts":[…]} (request counts and Host headers seen)
// First stdout line: {"ready":true,"a":URL,"b":URL}. Replies are one JSON line each. Exits when stdin closes.
// Run: node --import tsx test/e2e/mockControl.ts
import { createInterface } from 'node:readline';
import { startMockProvider, type MockProvider, type Scenario } from '../fakes/mockProviders';

/** A command read from stdin. */
export type MockCommand =
  | { id: number; op: 'scenario'; side: 'a' | 'b'; scenario: Scenario | Scenario[] }
  | { id: number; op: 'requests' };

/** Applies one command to the two mocks and returns the reply object. */
export function applyCommand(mocks: Record<'a' | 'b', MockProvider>, cmd: MockCommand): Record<string, unknown> {
  if (cmd.op === 'scenario') {
    mocks[cmd.side].setScenario(cmd.scenario);
    return { id: cmd.id, ok: true };
  }
  const hosts = [...new Set([...mocks.a.requests, ...mocks.b.requests].map((r) => String(r.headers.host ?? '')))];
  return { id: cmd.id, ok: true, a: mocks.a.requests.length, b: mocks.b.requests.length, hosts };
}

async function main(): Promise<void> {
  const a = await startMockProvider({ kind: 'anthropic' });
  const b = await startMockProvider({ kind: 'openai-compatible' });
  const mocks = { a, b };
  const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  out({ ready: true, a: a.url, b: b.url });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let cmd: MockCommand;
    try { cmd = JSON.parse(line) as MockCommand; } catch { out({ ok: false, error: 'bad JSON' }); return; }
    try { out(applyCommand(mocks, cmd)); } catch (e) { out({ id: cmd.id, ok: false, error: String(e) }); }
  });
  rl.on('close', () => { void Promise.all([a.close(), b.close()]).then(() => process.exit(0)); });
}

if (process.argv[1]?.endsWith('mockControl.ts')) void main();
