/**
 * Pure reducer for CompareViewState: host events (numbered by seq), host snapshots and the webview's own
 * form edits. The host applies the same reducer (src/extension/panels) so it can resend a snapshot on resync.
 */
import type { CompareEvent, CompareViewState, Ratings, ScreenVerdict, SlotId, SlotStatus, SlotView } from '../compareProtocol';

/** Edits made in the webview that the host does not know about until save. */
export type LocalAction =
  | { type: 'draft/verdict'; verdict: ScreenVerdict | null }
  | { type: 'draft/rating'; criterion: string; slot: SlotId; value: number | null }
  | { type: 'draft/notes'; notes: string }
  | { type: 'save/start' }
  | { type: 'save/failed'; message: string };

/** What happened to a numbered event. */
export type SeqOutcome = 'applied' | 'duplicate' | 'gap';

const FINAL: readonly SlotStatus['kind'][] = ['done', 'truncated', 'failed'];
/** Whether a status is final (the stream will not change any more). */
export function isFinal(status: SlotStatus): boolean { return FINAL.includes(status.kind); }

function withSlot(state: CompareViewState, slot: SlotId, patch: Partial<SlotView>): CompareViewState {
  return { ...state, slots: { ...state.slots, [slot]: { ...state.slots[slot], ...patch } } };
}

/** Applies one host event (ignores seq; see applySeqEvent). Never mutates its input. */
export function applyEvent(state: CompareViewState, event: CompareEvent): CompareViewState {
  switch (event.type) {
    case 'status': return withSlot(state, event.slot, { status: event.status });
    case 'delta': return withSlot(state, event.slot, { text: state.slots[event.slot].text + event.text });
    case 'text': return withSlot(state, event.slot, { text: event.text });
    case 'stats': return withSlot(state, event.slot, { stats: { ...state.slots[event.slot].stats, ...event.stats } });
    case 'parsed': return withSlot(state, event.slot, { route: event.route, title: event.title, patch: event.patch });
    case 'checks': return withSlot(state, event.slot, { checks: event.checks, checksRunning: event.running === true });
    case 'reveal': {
      const ids = event.identities;
      const next = withSlot(withSlot(state, 'left', { label: ids.left.label, identity: { model: ids.left.model, provider: ids.left.provider } }),
        'right', { label: ids.right.label, identity: { model: ids.right.model, provider: ids.right.provider } });
      return { ...next, revealed: true };
    }
    case 'verdictSaved':
      return { ...state, verdict: { draft: event.draft ?? state.verdict.draft, saving: false, savedAt: event.savedAt, error: null } };
    case 'verdictFailed': return { ...state, verdict: { ...state.verdict, saving: false, error: event.message } };
    case 'detached': {
      let next = state;
      for (const slot of ['left', 'right'] as const) {
        if (!isFinal(next.slots[slot].status)) next = withSlot(next, slot, { status: { kind: 'failed', message: event.message, retryable: false } });
      }
      return next;
    }
    case 'readOnly': return { ...state, readOnly: event.readOnly };
    case 'judge': return { ...state, judge: event.judge };
  }
}

/** Applies an event only if it is the next one (seq === state.seq + 1). */
export function applySeqEvent(state: CompareViewState, seq: number, event: CompareEvent): { state: CompareViewState; outcome: SeqOutcome } {
  if (seq <= state.seq) return { state, outcome: 'duplicate' };
  if (seq !== state.seq + 1) return { state, outcome: 'gap' };
  return { state: { ...applyEvent(state, event), seq }, outcome: 'applied' };
}

/** Takes a host snapshot, keeping the webview's unsaved draft when it is the same, still open comparison. */
export function applySnapshot(local: CompareViewState | null, snapshot: CompareViewState): CompareViewState {
  const sameRun = local?.header && snapshot.header && local.header.runId === snapshot.header.runId;
  if (!local || !sameRun || snapshot.verdict.savedAt !== null || snapshot.readOnly) return snapshot;
  return { ...snapshot, verdict: { ...snapshot.verdict, draft: local.verdict.draft, saving: local.verdict.saving, error: local.verdict.error } };
}

function setRating(ratings: Ratings, criterion: string, slot: SlotId, value: number | null): Ratings {
  const row = { ...(ratings[criterion] ?? {}) };
  if (value === null) delete row[slot]; else row[slot] = Math.min(5, Math.max(1, Math.round(value)));
  return { ...ratings, [criterion]: row };
}

/** Applies a form edit; ignored when read-only or already saved. */
export function applyLocal(state: CompareViewState, action: LocalAction): CompareViewState {
  const v = state.verdict;
  if (state.readOnly || v.savedAt !== null) return state;
  switch (action.type) {
    case 'draft/verdict': return { ...state, verdict: { ...v, error: null, draft: { ...v.draft, verdict: action.verdict } } };
    case 'draft/rating': return { ...state, verdict: { ...v, draft: { ...v.draft, ratings: setRating(v.draft.ratings, action.criterion, action.slot, action.value) } } };
    case 'draft/notes': return { ...state, verdict: { ...v, draft: { ...v.draft, notes: action.notes } } };
    case 'save/start': return { ...state, verdict: { ...v, saving: true, error: null } };
    case 'save/failed': return { ...state, verdict: { ...v, saving: false, error: action.message } };
  }
}

/** Whether both slots are final so the verdict form opens. */
export function votingOpen(state: CompareViewState): boolean {
  return state.header !== null && isFinal(state.slots.left.status) && isFinal(state.slots.right.status);
}
