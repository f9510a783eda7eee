/** The question Test Connection asks before its ping crosses the network over plain http (the ping carries the key). Pure (no vscode). */
import { plainHttpWarnings } from '../core/providers/presets';
import type { ResolvedSide, SideId } from '../core/providers/types';

/** The modal's message and detail when a side's ping would go over plain http to another machine, else null. */
export function plainHttpTestQuestion(sides: Partial<Record<SideId, ResolvedSide>>): { message: string; detail: string } | null {
  const warnings = plainHttpWarnings(Object.values(sides).map((s) => s.spec.baseUrl ?? s.preset.baseUrl));
  if (warnings.length === 0) return null;
  return {
    message: 'Pairwise: test the connection over plain http?',
    detail: `The test sends one short request with your key. ${warnings.map((w) => `Warning: ${w}.`).join(' ')}`,
  };
}
