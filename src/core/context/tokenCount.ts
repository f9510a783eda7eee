/** Token counting with gpt-tokenizer's o200k encoding (fast count, early-exit limit checks). */
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { o200kRanks } from './o200kRanks';

let encoding: GptEncoding | undefined;

/** The o200k_base encoding, built on the first count (as gpt-tokenizer's own o200k_base module builds it). */
function o200k(): GptEncoding {
  return (encoding ??= GptEncoding.getEncodingApi('o200k_base', o200kRanks));
}

// Repository text may contain strings like "<|endoftext|>": count them as plain text. By default gpt-tokenizer
// throws on them (and scans every input for them first).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Counts tokens of text (o200k_base), special-token strings counted as plain text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : o200k().countTokens(text, PLAIN_TEXT);
}

/**
 * Above this many characters per token of the limit a text is counted with early exit; below it the one-pass count is
 * faster (gpt-tokenizer's limit check encodes through a generator, several times slower per character than its count).
 */
const FULL_COUNT_CHARS_PER_TOKEN = 8;

/** Returns the token count when text fits within limit, else null (texts far over the limit stop counting early). */
export function tokensWithin(text: string, limit: number): number | null {
  if (limit <= 0) return text.length === 0 ? 0 : null;
  if (text.length <= limit * FULL_COUNT_CHARS_PER_TOKEN) {
    const n = countTokens(text);
    return n <= limit ? n : null;
  }
  const r = o200k().isWithinTokenLimit(text, limit, PLAIN_TEXT);
  return r === false ? null : r;
}
