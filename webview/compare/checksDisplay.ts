/** What a column's check row shows. Pure: while blind, neither side's badges show before both sides' checks are in. */
import type { CheckBadge, CompareViewState, SlotId, SlotView } from '../../src/shared/compareProtocol';
import { isFinal } from '../../src/shared/compare/reducer';

/** The check row of one column. */
export type ChecksShown = { kind: 'none' } | { kind: 'running' } | { kind: 'badges'; badges: CheckBadge[] };

const settled = (s: SlotView): boolean => s.status.kind === 'failed' || (isFinal(s.status) && s.checksRunning !== true);

/**
 * Not blind: each side as it is. Blind: the first side's badges would tell which draft finished (or was checked)
 * first, so until both sides are settled every draft that has (or will have) checks reads "Checks running…",
 * and a draft still streaming shows nothing on either side.
 */
export function checksShown(state: CompareViewState, slot: SlotId, masked: boolean): ChecksShown {
  const s = state.slots[slot];
  if (s.status.kind === 'failed') return { kind: 'none' };
  if (!masked) {
    if (s.checksRunning) return { kind: 'running' };
    return s.checks.length ? { kind: 'badges', badges: s.checks } : { kind: 'none' };
  }
  const l = state.slots.left, r = state.slots.right;
  if (!isFinal(l.status) || !isFinal(r.status)) return { kind: 'none' };
  if (!settled(l) || !settled(r)) return { kind: 'running' };
  return s.checks.length ? { kind: 'badges', badges: s.checks } : { kind: 'none' };
}
