// Reads a token count a provider reported: the wire is outside text, so a count must be a plain number in range.

/**
 * The count as a whole non-negative number, or undefined when it is not one a provider could mean: a string, a
 * negative, `1e309` (JSON reads it as Infinity) or anything past 2^53 (priced, 1e308 made the cost Infinity, and a
 * record with a non-finite number is refused). Fractions are rounded. Undefined counts as "not reported".
 */
export function reportedTokens(v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return undefined;
  const n = Math.round(v);
  return n <= Number.MAX_SAFE_INTEGER ? n : undefined;
}
