/** Splits a paper's text into sections (Markdown, LaTeX, or PDF/plain-text headings) and ranks them for cutting. */

/** What a section is about; decides what survives when a paper is cut to a budget. */
export type SectionKind = 'front' | 'abstract' | 'method' | 'intro' | 'results' | 'conclusion' | 'related' | 'other' | 'appendix' | 'references';

/** A section of a paper. */
export interface PaperSection {
  heading: string;
  kind: SectionKind;
  text: string;
}

/** Lower is kept first: abstract and method sections before everything else. */
export const SECTION_PRIORITY: Record<SectionKind, number> = {
  front: 0, abstract: 0, method: 1, intro: 2, results: 3, conclusion: 4, other: 5, related: 6, appendix: 7, references: 9,
};

const KINDS: [SectionKind, RegExp][] = [
  ['abstract', /^abstract$/i],
  ['references', /^(references|bibliography|acknowledge?ments?|acknowledgments and disclosure of funding|works cited)$/i],
  ['appendix', /^(appendix|appendices|supplementary( material)?)\b/i],
  ['intro', /^(introduction|motivation|overview)\b/i],
  ['related', /^(related work|background|preliminaries|prior work|literature review)\b/i],
  ['method', /\b(method|methods|methodology|approach|model|architecture|algorithm|framework|proposed|design|implementation|technique|system|formulation|our )\b/i],
  ['results', /\b(experiment|experiments|experimental|results|evaluation|benchmark|ablation|analysis|empirical)\b/i],
  ['conclusion', /^(conclusions?|discussion|limitations|future work|summary)\b/i],
];

/** Classifies a heading. */
export function classifyHeading(heading: string): SectionKind {
  const h = heading.replace(/^[\dA-Z]{0,2}(\.\d+)*\.?\s+/, '').replace(/[*_#:]+/g, '').trim();
  for (const [kind, re] of KINDS) if (re.test(h)) return kind;
  return 'other';
}

const KNOWN_PLAIN = /^(abstract|introduction|related work|background|preliminaries|method|methods|methodology|approach|experiments?|results|evaluation|discussion|conclusions?|limitations|references|bibliography|acknowledge?ments?|appendix( [a-z])?)$/i;
const NUMBERED = /^((?:\d{1,2}|[A-H])(?:\.\d{1,2}){0,2})\.?\s+([A-Z][^\n]{1,70})$/;

function isPlainHeading(line: string, backMatter: boolean): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > 80) return false;
  if (KNOWN_PLAIN.test(t)) return true;
  const m = NUMBERED.exec(t);
  // Letter-numbered headings ("A Proofs") only count in the back matter, so a title like "A Long Paper" is not one.
  if (!m || (/^[A-H]/.test(m[1]) && !backMatter)) return false;
  const title = m[2];
  return !/[.,;:]$/.test(title) && title.split(/\s+/).length <= 9 && !/\d{3,}/.test(title) && !/[=<>]/.test(title);
}

const SPACE = /\s/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The text of an ATX heading (`## Method ##`): what `/^(#{1,3})\s+(.+?)\s*#*$/` captures, found in one pass. The
 * pattern retried `\s*#*$` over the rest of a run of spaces at each of its characters: a 200,000-character line of a
 * Markdown paper (which may have 20 MB on one line) took 72 s on the extension host's thread.
 */
export function markdownHeading(line: string): string | null {
  let hashes = 0;
  while (line[hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 3 || hashes >= line.length || !SPACE.test(line[hashes])) return null;
  let start = hashes; // the end of the spaces after the hashes
  while (start < line.length && SPACE.test(line[start])) start++;
  let end = line.length; // the start of the closing `\s*#*`
  while (end > 0 && line[end - 1] === '#') end--;
  while (end > 0 && SPACE.test(line[end - 1])) end--;
  if (start < line.length) {
    const text = line.slice(start, Math.max(start + 1, end));
    return LINE_BREAK.test(text) ? null : text;
  }
  // Nothing but spaces after the hashes: the pattern gives back its last character that is not a line break.
  for (let i = line.length - 1; i > hashes; i--) if (!LINE_BREAK.test(line[i])) return line[i];
  return null;
}

function headingOf(line: string, format: 'md' | 'tex' | 'pdf' | 'txt', backMatter: boolean): string | null {
  if (format === 'md') return markdownHeading(line);
  if (format === 'tex') {
    const m = /^\s*\\(section|subsection|chapter)\*?\{(.+)\}\s*$/.exec(line);
    if (m) return m[2];
    if (/^\s*\\begin\{abstract\}/.test(line)) return 'Abstract';
    if (/^\s*\\(appendix|bibliography\{)/.test(line)) return /appendix/.test(line) ? 'Appendix' : 'References';
    return null;
  }
  return isPlainHeading(line, backMatter) ? line.trim() : null;
}

/** Splits text into sections; text before the first heading is the 'front' section. */
export function splitSections(text: string, format: 'md' | 'tex' | 'pdf' | 'txt'): PaperSection[] {
  const sections: PaperSection[] = [];
  let current: PaperSection = { heading: '', kind: 'front', text: '' };
  let buf: string[] = [];
  let parentKind: SectionKind = 'front';
  const flush = () => {
    current.text = buf.join('\n').trim();
    if (current.text || current.heading) sections.push(current);
    buf = [];
  };
  for (const line of text.split('\n')) {
    const h = headingOf(line, format, parentKind === 'references' || parentKind === 'appendix');
    if (h === null) {
      buf.push(line);
      continue;
    }
    flush();
    let kind = classifyHeading(h);
    const inBack = parentKind === 'references' || parentKind === 'appendix';
    if (inBack && kind === 'other' && /^[A-H](\.\d+)*\.?\s/.test(h.trim())) kind = 'appendix';
    const isSub = /^\s*\\subsection/.test(line) || /^#{3}\s/.test(line) || /^\s*(\d{1,2}|[A-H])\.\d/.test(line);
    if (isSub && kind === 'other') kind = parentKind;
    if (!isSub) parentKind = kind;
    // After the references, everything unnumbered is still back matter unless it is an appendix.
    if (parentKind === 'references' && isSub) kind = 'references';
    current = { heading: h.trim(), kind, text: '' };
    buf.push(line);
  }
  flush();
  return sections;
}
