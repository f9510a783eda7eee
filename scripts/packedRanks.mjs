// o200k's ranks for the bundles: a Brotli-compressed JSON file read beside the bundle (src/core/context/
// o200kRanksPacked.ts) instead of gpt-tokenizer's table carried as code. Used by scripts/build.mjs and the context bench.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

/**
 * esbuild plugin: src/core/context/o200kRanks resolves to o200kRanksPacked.ts. As code, the table is half of the .vsix
 * (Brotli keeps it in ~0.75 MB where the .vsix's zip needs ~1 MB), and a bundle that carries it keeps its 200k strings
 * alive for good, which every full garbage collection of the process then marks; read from the file, they are garbage
 * once the token table (typed arrays) is built from them.
 */
export const packedRanksPlugin = {
  name: 'o200k-ranks-packed',
  setup(b) {
    b.onResolve({ filter: /\/o200kRanks$/ }, (a) => ({ path: join(a.resolveDir, 'o200kRanksPacked.ts') }));
  },
};

/** Writes o200k_base.json.br into dir (quality 11 for what ships; a bench may take a faster one). */
export async function writePackedRanks(dir, quality = 11) {
  const { default: ranks } = await import('gpt-tokenizer/bpeRanks/o200k_base');
  const json = Buffer.from(JSON.stringify(ranks));
  const packed = brotliCompressSync(json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality, [zlibConstants.BROTLI_PARAM_LGWIN]: 24, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  writeFileSync(join(dir, 'o200k_base.json.br'), packed);
}
