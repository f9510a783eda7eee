/** Parses the arXiv export API's Atom XML (title, authors, abstract, version) without an XML library. */

/** One arXiv entry from the Atom feed. */
export interface ArxivEntry {
  id: string;
  version: string;
  title: string;
  authors: string[];
  abstract: string;
  published?: string;
}

/** Result of parsing a feed: entries, or the API's own error message. */
export type AtomParseResult = { ok: true; entries: ArxivEntry[] } | { ok: false; error: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text with each CDATA section replaced by its content (what `/<!\[CDATA\[([\s\S]*?)\]\]>/g` did, in one pass). */
function unwrapCdata(s: string): string {
  let out = '';
  let at = 0;
  for (let open = s.indexOf('<![CDATA['); open >= 0; open = s.indexOf('<![CDATA[', at)) {
    const close = s.indexOf(']]>', open + 9);
    if (close < 0) break; // no later section is closed either
    out += s.slice(at, open) + s.slice(open + 9, close);
    at = close + 3;
  }
  return at === 0 ? s : out + s.slice(at);
}

/** Decodes XML entities and CDATA. */
export function decodeXml(s: string): string {
  return unwrapCdata(s)
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/**
 * The contents of each `<name …>…</name>` element in order, as `/<name(?:\s[^>]*)?>([\s\S]*?)<\/name>/gi` finds them,
 * in linear time: that pattern retried from every unclosed start tag to the end (a 5 MB answer of `<entry ` took
 * many minutes), so the scan stops at the first start tag without a `>` or an end tag after it.
 */
export function* elements(xml: string, name: string): Generator<string> {
  const open = new RegExp(`<${name}(?=[\\s>])`, 'gi');
  const close = new RegExp(`</${name}>`, 'gi');
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const gt = xml.indexOf('>', open.lastIndex);
    if (gt < 0) return;
    close.lastIndex = gt + 1;
    const c = close.exec(xml);
    if (!c) return;
    yield xml.slice(gt + 1, c.index);
    open.lastIndex = c.index + c[0].length;
  }
}

function tag(xml: string, name: string): string | undefined {
  for (const content of elements(xml, name)) return decodeXml(content);
  return undefined;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Parses an arXiv API Atom response. */
export function parseArxivAtom(xml: string): AtomParseResult {
  const entries: ArxivEntry[] = [];
  for (const e of elements(xml, 'entry')) {
    const idUrl = oneLine(tag(e, 'id') ?? '');
    if (/\/api\/errors/.test(idUrl)) return { ok: false, error: oneLine(tag(e, 'summary') ?? 'arXiv API error') };
    const idm = /arxiv\.org\/abs\/(.+?)(v\d+)?$/i.exec(idUrl);
    if (!idm) continue;
    const title = oneLine(tag(e, 'title') ?? '');
    if (!title) continue;
    const authors = [...elements(e, 'author')].map((a) => oneLine(tag(a, 'name') ?? '')).filter(Boolean);
    const entry: ArxivEntry = { id: idm[1], version: idm[2] ?? 'v1', title, authors, abstract: oneLine(tag(e, 'summary') ?? '') };
    const published = tag(e, 'published');
    if (published) entry.published = oneLine(published);
    entries.push(entry);
  }
  return { ok: true, entries };
}
