/** Incremental answer parser for live streams: feed chunks, read the current partial draft cheaply. */
import { matchMarkerLine, scanLines, type MarkerHit } from './answerMarkers';
import { buildDraft, type SectionCache } from './parseAnswer';
import type { ParsedDraft } from './types';

/** A streaming parser; current() after any chunks equals parseAnswer(all text so far). */
export interface StreamingAnswerParser {
  /** Appends a chunk and returns the current draft. */
  push(chunk: string): ParsedDraft;
  /** The draft for the text received so far. */
  current(): ParsedDraft;
  /** All text received so far. */
  text(): string;
}

/** Creates a streaming parser; complete lines are scanned once, closed sections are normalized once. */
export function createStreamingParser(): StreamingAnswerParser {
  let text = '';
  let scanned = 0;
  const hits: MarkerHit[] = [];
  const cache: SectionCache = new Map();
  let last: ParsedDraft | null = null;

  const current = (): ParsedDraft => {
    if (last) return last;
    try {
      const tail = scanned < text.length ? matchMarkerLine(text, scanned, text.length) : null;
      last = buildDraft(text, tail ? [...hits, tail] : hits, cache);
    } catch (e) {
      last = { route: 'unparsed', title: '', body: text, raw: text, warnings: [`parser error: ${String(e)}`] };
    }
    return last;
  };

  return {
    push(chunk: string): ParsedDraft {
      if (chunk.length > 0) {
        text += chunk;
        scanned = scanLines(text, scanned, hits);
        last = null;
      }
      return current();
    },
    current,
    text: () => text,
  };
}
