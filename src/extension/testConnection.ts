import * as vscode from 'vscode';
import { prepareSide, SideRun } from '../core/run/sideRunner';
import type { DraftResult, ResolvedSide, SideId } from '../core/providers/types';
import { KeyStore } from './keys';
import { resolveConfiguredSide } from './models';
import { log } from './log';
import { showInfo, showWarning } from './notify';
import { plainHttpTestQuestion } from './testConnectionText';

/** The choice that sends the test over plain http. */
const TEST_ANYWAY = 'Test Anyway';

/** Said when Test Connection is asked for in an untrusted workspace. */
export const UNTRUSTED_TEST_MESSAGE = 'Test Connection sends nothing from an untrusted workspace (its request carries your key). Trust this folder (Workspaces: Manage Workspace Trust) to test the connections.';

const PING = { system: 'You are a connectivity check.', blocks: [], task: 'Reply with the single word: pong' };

/** Sends one tiny request for a resolved side; never rejects. */
export async function pingSide(side: ResolvedSide, signal?: AbortSignal): Promise<DraftResult> {
  const options = { maxTokens: 16, retry: { maxRetries: 0 }, idleTimeoutMs: 30_000, headersTimeoutMs: 30_000, sideDeadlineMs: 60_000 };
  const prepared = await prepareSide({ resolved: side, prompt: PING, options });
  const run = new SideRun({ side: 'a', resolved: side, prompt: PING, options, emit: () => undefined, secrets: [side.apiKey] }, prepared);
  signal?.addEventListener('abort', () => run.cancel(), { once: true });
  return run.run();
}

/** `Pairwise: Test Connection`: one tiny request per configured side; shows TTFT or the exact error. Returns the results (tests). */
export async function testConnection(keys: KeyStore, args?: { sides?: SideId[]; yes?: boolean }): Promise<Partial<Record<SideId, DraftResult | { error: string }>>> {
  // The ping carries the key: an untrusted workspace sends nothing, as its Restricted Mode description promises.
  if (!vscode.workspace.isTrusted) {
    void showWarning(`Pairwise: ${UNTRUSTED_TEST_MESSAGE}`);
    return {};
  }
  const sides = args?.sides ?? ['a', 'b'];
  const out: Partial<Record<SideId, DraftResult | { error: string }>> = {};
  const resolved: Partial<Record<SideId, ResolvedSide>> = {};
  for (const s of sides) {
    const side = await resolveConfiguredSide(s, keys);
    if ('error' in side) out[s] = side;
    else resolved[s] = side;
  }
  // The ping carries the key: over plain http to another machine it crosses the network unencrypted, so it is asked first.
  const question = args?.yes ? null : plainHttpTestQuestion(resolved);
  if (question && await showWarning(question.message, { modal: true, detail: question.detail }, TEST_ANYWAY) !== TEST_ANYWAY) {
    void showInfo('Pairwise: the connection test was not sent.');
    return out;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pairwise: testing connections', cancellable: true }, async (_p, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    await Promise.all(sides.map(async (s) => {
      const side = resolved[s];
      if (side) out[s] = await pingSide(side, ctl.signal);
    }));
  });
  const lines = sides.map((s) => {
    const r = out[s];
    const name = s.toUpperCase();
    if (!r) return `${name}: not run`;
    if ('error' in r && !('ok' in r)) return `${name}: ${r.error}`;
    const d = r as DraftResult;
    return d.ok ? `${name}: OK — first token after ${Math.round(d.timing.ttftMs ?? d.timing.totalMs)} ms` : `${name}: ${d.message}`;
  });
  for (const l of lines) log().info(`test connection: ${l}`);
  const failed = sides.some((s) => { const r = out[s]; return !r || !('ok' in r) || !r.ok; });
  void (failed ? showWarning : showInfo)(`Pairwise: ${lines.join(' · ')}`);
  return out;
}
