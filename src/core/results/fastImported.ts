// A fast path for the one line shape that comes by the million: an imported battle exactly as `pairwise import` writes
// it. Such a line is matched by one regular expression (no JSON.parse, no validation pass, no throwaway object tree)
// and becomes a record built from one object literal whose sides, repo and prompt are shared. Any other line —
// another key order, an escape in a string, an extra field — returns null and takes the ordinary path, so the result
// is always the record parseRecordLine would give (fastImported.test.ts).
import { SCHEMA_VERSION, type ComparisonRecord, type SideRecord, type Verdict } from './schema';

const S = '([^"\\\\]+)';
const LINE = new RegExp(`^\\{"schema":${SCHEMA_VERSION},"type":"comparison","id":"${S}","time":"${S}","repo":\\{"name":"imported"\\},"mode":"pin","prompt":\\{\\},` +
  `"sides":\\{"a":\\{"preset":"${S}","model":"${S}","status":"ok"\\},"b":\\{"preset":"${S}","model":"${S}","status":"ok"\\}\\},` +
  `"blind":true,"swapped":false,"verdict":"(a|b|tie|both_bad|pending)","imported":true(?:,"rater":"([^"\\\\]*)")?\\}$`);

const REPO: ComparisonRecord['repo'] = Object.freeze({ name: 'imported' });
const PROMPT: ComparisonRecord['prompt'] = Object.freeze({});

/**
 * A copy of a string that does not point into the text it was cut from (a regular-expression capture is a slice of
 * its line, which is a slice of the decoded chunk: keeping the capture would keep the chunk alive).
 */
const detached = (s: string): string => (s.length < 13 ? s : (` ${s}`).slice(1));

/** Shared, frozen sides of imported battles by their four names, and shared rater names. */
export class ImportedSides {
  private readonly byKey = new Map<string, ComparisonRecord['sides']>();
  private readonly sides = new Map<string, SideRecord>();
  private readonly raters = new Map<string, string>();

  /** The shared copy of a rater name. */
  rater(name: string): string {
    let r = this.raters.get(name);
    if (r === undefined) { r = detached(name); this.raters.set(r, r); }
    return r;
  }

  private side(preset: string, model: string): SideRecord {
    // JSON strings cannot hold a raw U+0000, so it separates the names safely.
    const key = `${preset}\u0000${model}`;
    let s = this.sides.get(key);
    if (!s) { s = Object.freeze({ preset: detached(preset), model: detached(model), status: 'ok' as const }); this.sides.set(key, s); }
    return s;
  }

  /** The shared `{a, b}` of these names. */
  get(pa: string, ma: string, pb: string, mb: string): ComparisonRecord['sides'] {
    const key = `${pa}\u0000${ma}\u0000${pb}\u0000${mb}`;
    let s = this.byKey.get(key);
    if (!s) { s = Object.freeze({ a: this.side(pa, ma), b: this.side(pb, mb) }); this.byKey.set(key, s); }
    return s;
  }
}

/**
 * The record of a line in `pairwise import`'s exact layout, or null for any other line. With `opinions` (the fold's
 * shared empty list) the record is built as its effective comparison in the same literal (amendCount 0, no opinions).
 */
export function fastImported(text: string, sides: ImportedSides, opinions?: never[]): ComparisonRecord | null {
  if (text.length > 2000) return null;
  const m = LINE.exec(text);
  if (!m || Number.isNaN(Date.parse(m[2]))) return null;
  const s = sides.get(m[3], m[4], m[5], m[6]);
  const verdict = m[7] as Verdict;
  const rater = m[8] === undefined ? undefined : sides.rater(m[8]);
  const id = detached(m[1]);
  const time = detached(m[2]);
  if (opinions) {
    return rater === undefined
      ? { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides: s, blind: true, swapped: false, verdict, imported: true,
        amendCount: 0, secondOpinions: opinions, judgeOpinions: opinions } as ComparisonRecord
      : { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides: s, blind: true, swapped: false, verdict, imported: true,
        rater, amendCount: 0, secondOpinions: opinions, judgeOpinions: opinions } as ComparisonRecord;
  }
  return rater === undefined
    ? { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides: s, blind: true, swapped: false, verdict, imported: true }
    : { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides: s, blind: true, swapped: false, verdict, imported: true, rater };
}
