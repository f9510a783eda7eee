/**
 * The extension's Compare over core/session, without vscode: settings → session input, the panel as the
 * session's event port, the verdict through the session's one amend builder. controller.ts adds the prompts,
 * the progress notification and the panel; tests drive this file directly with fixed clock and ids.
 */
import type { ResolvedSide, SideId } from '../../core/providers/types';
import type { RunEvent, RunOptions } from '../../core/run/types';
import type { ParsedDraft } from '../../core/prompt/types';
import type { CheckReport } from '../../core/checks/types';
import type { RepoInfo } from '../../core/session/repoInfo';
import type { PreparedRun } from '../../core/session/prepare';
import { Session, type SessionPorts, type SessionStore } from '../../core/session/session';
import type { VerdictInput } from '../../core/session/amend';
import type { Result } from '../../shared/messenger';

/** The settings a Compare run reads (a subset of PairwiseSettings). */
export interface CompareRunSettings {
  blind: boolean; rater: string; testCommand: string; warmRepeat: boolean; maxOutputTokens: number; idleTimeoutSeconds: number; maxRetries: number;
}

/** Where the run's progress shows: the panel session. */
export interface CompareRunView {
  onRunEvent(e: RunEvent): void;
  onParsed(side: SideId, d: ParsedDraft): void;
  onChecksStart?(side: SideId): void;
  onChecks(side: SideId, r: CheckReport): void;
}

/** Everything one Compare run needs once the user has consented. */
export interface CompareRunInput {
  root: string;
  repo: RepoInfo;
  prepared: PreparedRun;
  sides: Record<SideId, ResolvedSide>;
  store: SessionStore;
  settings: CompareRunSettings;
  /** Whether sides.b sits on the left (random when blind, decided by the caller). */
  swapped: boolean;
  allowTestRun: boolean;
  /** Per-side output and time limits (pairwise.maxOutputBytes, sideDeadlineSeconds). */
  limits?: Partial<RunOptions>;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Starts the session of a Compare run, streaming into `view`. */
export function startCompareRun(i: CompareRunInput, view: CompareRunView, ports: Pick<SessionPorts, 'now' | 'newId'> = {}): Session {
  const s = i.settings;
  return new Session({
    repoRoot: i.root, repo: i.repo, prepared: i.prepared, sides: i.sides, store: i.store, blind: s.blind, swapped: i.swapped,
    ...(s.rater ? { rater: s.rater } : {}), ...(s.testCommand ? { testCommand: s.testCommand } : {}), allowTestRun: i.allowTestRun,
    ...(i.signal ? { signal: i.signal } : {}), keepCancelled: true, // closing the panel mid-run still records the cancelled sides
    options: { warmRepeat: s.warmRepeat, maxTokens: s.maxOutputTokens, idleTimeoutMs: s.idleTimeoutSeconds * 1000, retry: { maxRetries: s.maxRetries },
      ...i.limits, ...(i.log ? { log: i.log } : {}) },
  }, { ...ports, onEvent: (e) => view.onRunEvent(e), onParsed: (side, d) => view.onParsed(side, d), onChecksStart: (side) => view.onChecksStart?.(side), onChecks: (side, r) => view.onChecks(side, r) });
}

/** The panel's verdict sink for a live run: one amend through the session; the reply carries when it was saved. */
export async function saveRunVerdict(session: Session | undefined, v: VerdictInput, now: () => number = Date.now): Promise<Result<{ savedAt: number }>> {
  if (!session) return { ok: false, error: { code: 'rejected', message: 'The comparison was not recorded, so the verdict cannot be saved.' } };
  const r = await session.saveVerdict(v);
  if (!r.ok) return { ok: false, error: { code: /not recorded/.test(r.error) ? 'rejected' : 'handler_failed', message: r.error } };
  return { ok: true, value: { savedAt: now() } };
}
