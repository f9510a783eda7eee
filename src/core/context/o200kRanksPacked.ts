/**
 * o200k_base's byte-pair ranks read from `o200k_base.json.br` beside the bundle (or one folder up: the CLI's chunks sit
 * in dist/cli/): the JSON of gpt-tokenizer's table, Brotli-compressed at build time (scripts/packedRanks.mjs). The
 * bundles use this in place of o200kRanks.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { MissingInstallFile } from '../workers/installFiles';
import type { RankedToken } from './o200kRanks';

/** The compressed table's file name, next to the bundle that reads it. */
export const PACKED_RANKS_FILE = 'o200k_base.json.br';

/** The table from its compressed JSON. */
export function unpackRanks(packed: Buffer): RankedToken[] {
  const ranks: unknown = JSON.parse(brotliDecompressSync(packed).toString('utf8'));
  if (!Array.isArray(ranks) || ranks.length < 199_000) throw new Error(`${PACKED_RANKS_FILE} does not hold o200k_base's ranks; rebuild (node scripts/build.mjs)`);
  return ranks as RankedToken[];
}

/**
 * The ranks, in rank order (read and unpacked on each call: the token table is built from them once and keeps no
 * reference, so their 200k strings are garbage afterwards).
 */
export function o200kRanks(): RankedToken[] {
  const file = [join(__dirname, PACKED_RANKS_FILE), join(dirname(__dirname), PACKED_RANKS_FILE)].find((f) => existsSync(f));
  if (!file) {
    throw new MissingInstallFile(`Pairwise's token table (${PACKED_RANKS_FILE}) is missing: it ships beside Pairwise's code (looked in ${__dirname} and ${dirname(__dirname)}). Reinstall Pairwise (from a checkout: node scripts/build.mjs).`);
  }
  return unpackRanks(readFileSync(file));
}
