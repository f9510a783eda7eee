/** Finds a pasted or loaded text's title: a "Title:"/"Paper:" line, the first heading, else the first line that can be one. */

const LABELLED = /^[ \t>*_#]*(?:title|paper)[ \t]*[:：][ \t]*(.{3,300})$/im;
const HEADING = /^[ \t]{0,3}#{1,3}[ \t]+(.+?)[ \t#]*$/m;
const TEX_TITLE = /\\title(?:\[[^\]]*\])?\{([^}]*)\}/;

/** Markdown emphasis, quote and list marks around a line. */
function clean(line: string): string {
  return line.replace(/^[\s>#*_\-+•]+|[\s*_]+$/g, '').replace(/\s+/g, ' ').trim();
}

/** True when a line can be a title: at least four letters, mostly letters, not a URL or page marker (so not "0%" or "12"). */
export function canBeTitle(line: string): boolean {
  const l = clean(line);
  const letters = (l.match(/\p{L}/gu) ?? []).length;
  if (letters < 4) return false;
  if (/^(https?:\/\/|www\.|arxiv:|doi:)/i.test(l)) return false;
  if (/^(page|p\.)\s*\d+|^\d+\s*(\/|of)\s*\d+$/i.test(l)) return false;
  if (letters / l.length < 0.5) return false; // mostly digits, symbols or table rules
  return true;
}

/** The title of a text (up to 200 characters), or '' when no line can be one. */
export function findTitle(text: string, format: 'md' | 'tex' | 'txt' | 'pdf'): string {
  const head = text.slice(0, 20_000);
  const labelled = LABELLED.exec(head)?.[1];
  if (labelled && canBeTitle(labelled)) return clean(labelled).slice(0, 200);
  if (format === 'tex') {
    const t = TEX_TITLE.exec(head)?.[1];
    if (t && canBeTitle(t)) return clean(t).slice(0, 200);
  }
  if (format === 'md' || format === 'txt') {
    const h = HEADING.exec(head)?.[1];
    if (h && canBeTitle(h)) return clean(h).slice(0, 200);
  }
  const lines = head.split('\n').slice(0, 60);
  const first = lines.find((l) => canBeTitle(l));
  return first ? clean(first).slice(0, 200) : '';
}
