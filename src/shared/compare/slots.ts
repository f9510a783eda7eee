/** The slot map: which model side sits in which screen column, and the verdict and ratings mapped back. */
import type { ScreenVerdict, SlotId } from '../compareProtocol';

/** A model side as recorded ('a' always means the model in sides.a); same values as core's SideId. */
export type SideId = 'a' | 'b';
/** A verdict in model terms; same values as core's Verdict. */
export type ModelVerdict = SideId | 'tie' | 'both_bad';

/** Which model side sits in which screen slot; `swapped` puts side b on the left. */
export interface SlotMap { swapped: boolean }

/** The screen slot showing a model side. */
export function slotOf(side: SideId, map: SlotMap): SlotId {
  return (side === 'a') !== map.swapped ? 'left' : 'right';
}

/** The model side shown in a screen slot. */
export function sideOf(slot: SlotId, map: SlotMap): SideId {
  return (slot === 'left') !== map.swapped ? 'a' : 'b';
}

/** Maps a verdict in screen terms to model terms ('a' always means the model in sides.a). */
export function toModelVerdict(v: ScreenVerdict, map: SlotMap): ModelVerdict {
  if (v === 'left' || v === 'right') return sideOf(v, map);
  return v;
}

/** Maps per-slot ratings to per-side ratings. */
export function toModelRatings(r: Record<string, Partial<Record<SlotId, number>>>, map: SlotMap): Record<string, { a?: number; b?: number }> {
  const out: Record<string, { a?: number; b?: number }> = {};
  for (const [k, v] of Object.entries(r)) {
    out[k] = {};
    for (const slot of ['left', 'right'] as const) if (v[slot] !== undefined) out[k][sideOf(slot, map)] = v[slot];
  }
  return out;
}
