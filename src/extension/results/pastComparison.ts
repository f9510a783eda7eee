/**
 * A recorded comparison rebuilt as a compare-panel state: drafts from blobs (parsed for route, title and patch),
 * figures from the record, check badges from the stored checks, identities only when they may be shown.
 * Pure apart from reading blobs; no vscode.
 */
import { createCompareViewState } from '../../shared/compare/viewState';
import type { CompareViewState, Ratings, RubricCriterion, ScreenVerdict, SlotId, SlotStatus, SlotView } from '../../shared/compareProtocol';
import type { EffectiveComparison } from '../../core/results/foldAmends';
import { modelKey, type ComparisonRecord, type SideRecord } from '../../core/results/schema';
import type { ResultsStore } from '../../core/results/resultsStore';
import { parseAnswer } from '../../core/prompt/parseAnswer';
import type { ParsedDraft } from '../../core/prompt/types';
import { slotOf, type SlotMap } from '../../shared/compare/slots';
import { badgesFromStoredChecks } from '../../core/checks/checkBadges';
import { latestJudgeView } from '../judge/judgeView';

export { badgesFromStoredChecks };

type SideId = 'a' | 'b';
const SIDES: readonly SideId[] = ['a', 'b'];

/** A side's draft as read back: the text (or why it is missing) and its parse. */
export interface StoredDraft { text: string; parsed: ParsedDraft | null; missing?: string }

/** Reads both drafts of a comparison from its blobs; a missing blob becomes an explanation instead of a failure. */
export async function loadDrafts(store: Pick<ResultsStore, 'readBlob'>, rec: ComparisonRecord): Promise<Record<SideId, StoredDraft>> {
  const one = async (s: SideRecord): Promise<StoredDraft> => {
    if (!s.draftHash) return { text: '', parsed: null, missing: s.status === 'failed' ? undefined : 'The draft text was not stored with this comparison.' };
    const r = await store.readBlob(rec.id, s.draftHash);
    return r.ok ? { text: r.text, parsed: parseAnswer(r.text) } : { text: '', parsed: null, missing: `The draft text could not be read: ${r.error}` };
  };
  const [a, b] = await Promise.all([one(rec.sides.a), one(rec.sides.b)]);
  return { a, b };
}

function statusOf(s: SideRecord): SlotStatus {
  if (s.status === 'failed') return { kind: 'failed', message: s.errorMessage ?? `This side failed (${s.errorKind ?? 'error'}).`, retryable: false };
  return s.status === 'truncated' ? { kind: 'truncated' } : { kind: 'done' };
}

function slotView(s: SideRecord, d: StoredDraft, label: string, reveal: boolean, checks: unknown): SlotView {
  const u = s.usage;
  return {
    label, identity: reveal ? { model: s.model, provider: s.preset } : null, status: statusOf(s),
    text: d.text || (d.missing ? `_${d.missing}_` : ''),
    route: d.parsed?.route ?? (s.route && s.route !== 'failed' ? s.route : null), title: d.parsed?.title || s.title || null, patch: d.parsed?.patch ?? null,
    stats: { ttftMs: s.ttftMs ?? null, totalMs: s.totalMs ?? null, tokensIn: u ? u.input + u.cacheRead + u.cacheWrite : null, tokensOut: u?.output ?? null,
      tokensCached: u?.cacheRead ?? null, costUsd: s.cost?.usd ?? null, ...(s.cost ? { costBasis: s.cost.basis } : {}) },
    checks: badgesFromStoredChecks(checks),
  };
}

/** A model-terms verdict in screen terms for a slot layout. */
export function screenVerdictOf(v: ComparisonRecord['verdict'], map: SlotMap): ScreenVerdict | null {
  if (v === 'pending') return null;
  return v === 'a' || v === 'b' ? slotOf(v, map) : v;
}

/** Per-side ratings in screen terms for a slot layout. */
export function screenRatingsOf(r: ComparisonRecord['ratings'], map: SlotMap): Ratings {
  const out: Ratings = {};
  for (const [k, v] of Object.entries(r ?? {})) {
    const row: Partial<Record<SlotId, number>> = {};
    for (const side of SIDES) if (v[side] !== undefined) row[slotOf(side, map)] = v[side];
    out[k] = row;
  }
  return out;
}

/** How to show a past comparison. */
export interface PastViewOptions {
  /** Which side goes left (use the record's own swap to show it as it was judged). */
  map: SlotMap;
  readOnly: boolean;
  /** Hide identities (and mask names in the drafts) until a verdict is saved. */
  blind: boolean;
  /** Show identities now. */
  reveal: boolean;
  rubric: readonly RubricCriterion[];
  /** Appended to the paper in the header, e.g. " — 3 left". */
  paperSuffix?: string;
  /** Show the recorded verdict, ratings and notes as saved. */
  showVerdict: boolean;
}

/** The compare-panel state of a recorded comparison. */
export function pastViewState(rec: EffectiveComparison, drafts: Record<SideId, StoredDraft>, o: PastViewOptions): CompareViewState {
  const rubric = [...o.rubric];
  for (const id of Object.keys(rec.ratings ?? {})) if (!rubric.some((c) => c.id === id)) rubric.push({ id, label: id });
  const paper = rec.paper?.title ?? rec.paper?.id ?? null;
  const header = { runId: rec.id, repo: rec.repo.name, commit: rec.repo.commit?.slice(0, 10) ?? '(not a git repo)', mode: rec.mode,
    paper: paper === null && !o.paperSuffix ? null : `${paper ?? '(no paper)'}${o.paperSuffix ?? ''}` };
  const maskTerms = o.reveal ? [] : [...new Set(SIDES.flatMap((s) => [rec.sides[s].model, rec.sides[s].preset]))];
  const state = createCompareViewState({ header, blind: o.blind, rubric, readOnly: o.readOnly, maskTerms });
  for (const side of SIDES) {
    const slot = slotOf(side, o.map);
    const label = o.reveal ? modelKey(rec.sides[side]) : slot === 'left' ? 'A' : 'B';
    state.slots[slot] = slotView(rec.sides[side], drafts[side], label, o.reveal, (rec.checks as Record<string, unknown> | undefined)?.[side]);
  }
  state.revealed = o.reveal;
  state.judge = latestJudgeView(rec, o.map); // the panel's gate holds its verdict back while blind and unvoted
  if (o.showVerdict && rec.verdict !== 'pending') {
    state.verdict = { draft: { verdict: screenVerdictOf(rec.verdict, o.map), ratings: screenRatingsOf(rec.ratings, o.map), notes: rec.notes ?? '' },
      saving: false, savedAt: Date.parse(rec.amendedAt ?? rec.time) || Date.now(), error: null };
  }
  return state;
}

/** The identities of both slots for the reveal after a verdict. */
export function revealOf(rec: ComparisonRecord, map: SlotMap): Record<SlotId, { model: string; provider: string; label: string }> {
  const id = (s: SideId) => ({ model: rec.sides[s].model, provider: rec.sides[s].preset, label: modelKey(rec.sides[s]) });
  return { [slotOf('a', map)]: id('a'), [slotOf('b', map)]: id('b') } as Record<SlotId, { model: string; provider: string; label: string }>;
}
