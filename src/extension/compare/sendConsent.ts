/**
 * What a workspace's consent to send covers: the destinations (scheme, host and port) it was given for. A side moved
 * to another host — a different preset, a custom preset's base URL — is a new destination and is asked about again.
 * Pure (no vscode): contextStep.ts keeps the list in workspaceState.
 */
import type { ResolvedSide, SideId } from '../../core/providers/types';

/** workspaceState key of the destinations consented to (a string array). */
export const CONSENT_HOSTS_KEY = 'pairwise.consentHosts';

/** Where a side's requests go: its base URL's origin (the raw URL when it does not parse). */
export function sendDestination(side: ResolvedSide): string {
  const url = side.spec.baseUrl ?? side.preset.baseUrl;
  try { return new URL(url).origin; } catch { return url; }
}

/** The destinations of both sides, without repeats, in side order. */
export function sendDestinations(sides: Record<SideId, ResolvedSide>): string[] {
  return [...new Set([sendDestination(sides.a), sendDestination(sides.b)])];
}

/** The destinations a stored value lists (anything else, such as the old boolean, lists none). */
export function consentedDestinations(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
}

/** The destinations of `sides` the stored consent does not cover (empty: send without asking). */
export function unconsentedDestinations(stored: unknown, sides: Record<SideId, ResolvedSide>): string[] {
  const given = new Set(consentedDestinations(stored));
  return sendDestinations(sides).filter((d) => !given.has(d));
}

/** The value to store after a yes for `sides`: what was consented to before plus their destinations. */
export function withConsent(stored: unknown, sides: Record<SideId, ResolvedSide>): string[] {
  return [...new Set([...consentedDestinations(stored), ...sendDestinations(sides)])];
}
