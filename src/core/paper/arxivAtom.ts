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

/** Decodes XML entities and CDATA. */
export function decodeXml(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'i').exec(xml);
  return m ? decodeXml(m[1]) : undefined;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Parses an arXiv API Atom response. */
export function parseArxivAtom(xml: string): AtomParseResult {
  const entries: ArxivEntry[] = [];
  for (const m of xml.matchAll(/<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/gi)) {
    const e = m[1];
    const idUrl = oneLine(tag(e, 'id') ?? '');
    if (/\/api\/errors/.test(idUrl)) return { ok: false, error: oneLine(tag(e, 'summary') ?? 'arXiv API error') };
    const idm = /arxiv\.org\/abs\/(.+?)(v\d+)?$/i.exec(idUrl);
    if (!idm) continue;
    const title = oneLine(tag(e, 'title') ?? '');
    if (!title) continue;
    const authors = [...e.matchAll(/<author(?:\s[^>]*)?>([\s\S]*?)<\/author>/gi)].map((a) => oneLine(tag(a[1], 'name') ?? '')).filter(Boolean);
    const entry: ArxivEntry = { id: idm[1], version: idm[2] ?? 'v1', title, authors, abstract: oneLine(tag(e, 'summary') ?? '') };
    const published = tag(e, 'published');
    if (published) entry.published = oneLine(published);
    entries.push(entry);
  }
  return { ok: true, entries };
}
