/**
 * o200k_base's byte-pair ranks read from `o200k_base.json.br` beside the bundle: the JSON of gpt-tokenizer's table,
 * Brotli-compressed at build time (scripts/build.mjs). The extension's bundle uses this in place of o200kRanks.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { RankedToken } from './o200kRanks';

/** The compressed table's file name, next to the bundle that reads it. */
export const PACKED_RANKS_FILE = 'o200k_base.json.br';

/** The table from its compressed JSON. */
export function unpackRanks(packed: Buffer): RankedToken[] {
  const ranks: unknown = JSON.parse(brotliDecompressSync(packed).toString('utf8'));
  if (!Array.isArray(ranks) || ranks.length < 199_000) throw new Error(`${PACKED_RANKS_FILE} does not hold o200k_base's ranks; rebuild the extension`);
  return ranks as RankedToken[];
}

let ranks: RankedToken[] | undefined;

/** The ranks, in rank order (read and unpacked once, on the first token count). */
export function o200kRanks(): RankedToken[] {
  return (ranks ??= unpackRanks(readFileSync(join(__dirname, PACKED_RANKS_FILE))));
}
