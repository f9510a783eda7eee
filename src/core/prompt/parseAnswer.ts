/** Parses a model's delimited answer into a draft; tolerant of fences, CRLF, prose and loose markers; never throws. */
import { findMarkers, type MarkerHit, type SectionName } from './answerMarkers';
import { cleanSection, extractPatch, parseRoute, plainLine, toLf } from './answerFields';
import type { ParsedDraft, Route } from './types';

// Fence lines (``` or ~~~ with a language) in the text before the first section. Spaces only within a line: `\s*`
// crossed line breaks and rescanned a run of blank lines from each one (80,000 newlines took 3 s).
const FENCE_LINES = /^[^\S\n\r\u2028\u2029]*(`{3,}|~{3,})[\w+-]*[^\S\n\r\u2028\u2029]*$/gm;

/** A cache of section contents already normalized, keyed by their fixed offsets (used while streaming). */
export type SectionCache = Map<string, string>;

interface Slice {
  name: SectionName;
  start: number;
  end: number;
}

function sliceSections(text: string, hits: MarkerHit[]): { slices: Slice[]; firstLine: number } {
  const delimited = hits.filter((h) => h.style === 'delimited');
  let chosen = delimited;
  if (chosen.length === 0) {
    // Fallback `ROUTE: PR` style is accepted only when the answer starts its sections with route, title or paper.
    const labels = hits.filter((h) => h.style === 'label');
    chosen = labels.length > 0 && ['route', 'title', 'paper'].includes(labels[0].name) ? labels : [];
  }
  const slices = chosen.map((h, i) => ({
    name: h.name,
    start: Math.min(h.contentStart, i + 1 < chosen.length ? chosen[i + 1].lineStart : text.length),
    end: i + 1 < chosen.length ? chosen[i + 1].lineStart : text.length,
  }));
  return { slices, firstLine: chosen.length ? chosen[0].lineStart : text.length };
}

function cleaned(text: string, s: Slice, closed: boolean, cache: SectionCache | undefined): string {
  const key = `${s.name}:${s.start}:${s.end}`;
  const hit = closed ? cache?.get(key) : undefined;
  if (hit !== undefined) return hit;
  const value = cleanSection(text.slice(s.start, s.end), s.name === 'body' ? ['', 'md', 'markdown', 'text', 'txt'] : 'any');
  if (closed) cache?.set(key, value);
  return value;
}

/** Builds the draft from text and its marker hits; the shared core of whole and streamed parsing. */
export function buildDraft(text: string, hits: MarkerHit[], cache?: SectionCache): ParsedDraft {
  const warnings: string[] = [];
  const { slices, firstLine } = sliceSections(text, hits);
  if (slices.length === 0) {
    warnings.push('no ===ROUTE=== / ===TITLE=== / ===BODY=== sections found');
    return { route: 'unparsed', title: '', body: toLf(text).trim(), raw: text, warnings };
  }
  if (/[^\s`~]/.test(text.slice(0, firstLine).replace(FENCE_LINES, ''))) {
    warnings.push('text before the first section was ignored');
  }
  const values = new Map<SectionName, { value: string; raw: string }>();
  const seen = new Set<SectionName>();
  slices.forEach((s, i) => {
    const closed = i + 1 < slices.length;
    const value = cleaned(text, s, closed, cache);
    if (seen.has(s.name)) warnings.push(`section ${s.name.toUpperCase()} appears more than once; the last non-empty one is used`);
    seen.add(s.name);
    if (value !== '' || !values.has(s.name)) values.set(s.name, { value, raw: text.slice(s.start, s.end) });
  });

  const patchSection = values.get('patch');
  const patch = patchSection ? extractPatch(patchSection.raw, warnings) : undefined;
  let route: Route | null = values.has('route') ? parseRoute(values.get('route')!.value, warnings) : null;
  if (route === null && !values.has('route')) warnings.push('ROUTE section missing');
  if (route === null && patch !== undefined) {
    route = 'pr';
    warnings.push('route inferred as PR from the patch');
  }
  const title = values.has('title') ? plainLine(values.get('title')!.value) : '';
  const body = values.get('body')?.value ?? '';
  if ((route === 'pr' || route === 'issue') && title === '') warnings.push('TITLE section missing or empty');
  if (route === 'pr' && patch === undefined) warnings.push('PR without a PATCH section');
  const draft: ParsedDraft = { route: route ?? 'unparsed', title, body, raw: text, warnings };
  if (patch !== undefined) draft.patch = patch;
  const reason = values.get('reason')?.value;
  if (reason) draft.reason = reason;
  if (values.has('paper')) {
    const pick = plainLine(values.get('paper')!.value);
    if (pick) draft.paperPick = pick;
  }
  if (draft.route === 'unparsed' && body === '' && title === '') draft.body = toLf(text).trim();
  return draft;
}

/** Parses a complete answer. Never throws; an unreadable answer has route 'unparsed' and keeps raw. */
export function parseAnswer(text: string): ParsedDraft {
  try {
    return buildDraft(text, findMarkers(text));
  } catch (e) {
    return { route: 'unparsed', title: '', body: text, raw: text, warnings: [`parser error: ${String(e)}`] };
  }
}
