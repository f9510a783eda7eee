/**
 * o200k_base's byte-pair ranks (gpt-tokenizer's table of 200k tokens, in rank order). The extension's bundle swaps this
 * module for o200kRanksPacked.ts, which reads a Brotli-compressed copy shipped beside the bundle (see
 * scripts/build.mjs): the table is half of the .vsix, and Brotli stores it in three quarters of what zip does.
 */
import bpe from 'gpt-tokenizer/bpeRanks/o200k_base';

/** One rank's token: its text, or its bytes when they are not valid UTF-8. */
export type RankedToken = string | number[];

/** The ranks, in rank order. */
export function o200kRanks(): RankedToken[] {
  return bpe;
}
