/** Finds section markers (===ROUTE=== and friends) line by line, so whole and streamed parses agree. */

/** The sections an answer can hold. */
export type SectionName = 'route' | 'title' | 'body' | 'patch' | 'reason' | 'paper';

/** A marker found on one line: where its line starts and where the section's content begins. */
export interface MarkerHit {
  name: SectionName;
  /** 'delimited' for ===NAME===, 'label' for a fallback `NAME:` line. */
  style: 'delimited' | 'label';
  /** Offset of the start of the marker's line. */
  lineStart: number;
  /** Offset where the section content starts (text after the marker on the same line). */
  contentStart: number;
}

const NAME_SYNONYMS: Record<string, SectionName> = {
  route: 'route', decision: 'route', title: 'title', body: 'body', description: 'body',
  patch: 'patch', diff: 'patch', reason: 'reason', reasoning: 'reason', rationale: 'reason',
  paper: 'paper', pick: 'paper', 'paper pick': 'paper', 'picked paper': 'paper',
};

const NAMES = 'route|decision|title|body|description|patch|diff|reasoning|reason|rationale|paper\\s*pick|picked\\s*paper|paper|pick';
// `=== ROUTE ===`, `**===route===**`, `### ==ROUTE==`, `===ROUTE:=== PR`; content may follow on the line.
const DELIMITED = new RegExp(`^[\\s#>*_\`]*={2,}\\s*(${NAMES})\\s*:?\\s*={2,}[*_\`]*[ \\t]*`, 'i');
// Fallback `ROUTE: PR` / `**Title:** ...`, used only when an answer has no delimited markers at all.
const LABEL = new RegExp(`^[\\s#>*_]*(${NAMES})[*_]*\\s*:[*_]*[ \\t]*`, 'i');

function canonical(raw: string): SectionName {
  return NAME_SYNONYMS[raw.toLowerCase().replace(/\s+/g, ' ')] ?? 'body';
}

/** Checks one line (text[lineStart, lineEnd), no newline) for a marker. */
export function matchMarkerLine(text: string, lineStart: number, lineEnd: number): MarkerHit | null {
  if (lineEnd - lineStart > 200) return null;
  const line = text.slice(lineStart, lineEnd);
  const d = DELIMITED.exec(line);
  if (d) return { name: canonical(d[1]), style: 'delimited', lineStart, contentStart: lineStart + d[0].length };
  const l = LABEL.exec(line);
  if (l) return { name: canonical(l[1]), style: 'label', lineStart, contentStart: lineStart + l[0].length };
  return null;
}

/** Scans every complete line of text[from, ...) and returns the hits plus the offset of the first unscanned byte. */
export function scanLines(text: string, from: number, hits: MarkerHit[]): number {
  let start = from;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return start;
    const hit = matchMarkerLine(text, start, nl);
    if (hit) hits.push(hit);
    start = nl + 1;
  }
}

/** Returns all marker hits in text, including one on a final line without a newline. */
export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  const rest = scanLines(text, 0, hits);
  if (rest < text.length) {
    const tail = matchMarkerLine(text, rest, text.length);
    if (tail) hits.push(tail);
  }
  return hits;
}
