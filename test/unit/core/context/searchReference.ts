// The rules the code search's fast paths are held to, written plainly with regexes (the reference of the property
// tests in searchFastPaths.test.ts and termScan.test.ts), and random texts for them.
import type { SearchHit } from '../../../../src/core/context/codeSearch';

/** Term counts at identifier-part starts, in the order first counted, as the search regex makes them (regex character tests). */
export function countsByRegex(terms: string[], text: string): Map<string, number> {
  const re = new RegExp([...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|'), 'gi');
  const out = new Map<string, number>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const i = m.index;
    if (i > 0) {
      const prev = text.charAt(i - 1);
      if (/[A-Za-z0-9]/.test(prev) && !(/[a-z0-9]/.test(prev) && /[A-Z]/.test(text.charAt(i)))) continue;
    }
    const t = m[0].toLowerCase();
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

/** Up to max random pieces joined. */
export function randomText(rnd: () => number, pieces: readonly string[], max: number): string {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
  return s;
}

/** Search hits as plain data (a hit's terms are sorted when first read: compared by value, not by its fields). */
export function plainHits(hits: ReadonlyMap<string, SearchHit>): Map<string, { score: number; terms: string[]; pathTerms: string[]; defines: string[] }> {
  return new Map([...hits].map(([p, h]) => [p, { score: h.score, terms: [...h.terms], pathTerms: [...h.pathTerms], defines: [...h.defines] }]));
}

/**
 * JS/TS import specifiers as the import graph read them with regexes (the words before a module string matched by
 * /(?:\bfrom|\bimport|\brequire[ \t]*\()[ \t(]*$/ on the 12 characters before it, a path going only down by a regex).
 */
export function jsSpecsByRegex(path: string, hay: string): string[] {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const out: string[] = [];
  const rel = /['"](\.{1,2}\/[^'"\n]+)['"]/g;
  for (let m = rel.exec(hay); m; m = rel.exec(hay)) {
    if (!/(?:\bfrom|\bimport|\brequire[ \t]*\()[ \t(]*$/.test(hay.slice(Math.max(0, m.index - 12), m.index))) continue;
    let joined: string;
    if (/^\.\/(?!(?:[^/]*\/)*\.{0,2}(?:\/|$))/.test(m[1])) joined = dir ? `${dir}/${m[1].slice(2)}` : m[1].slice(2);
    else {
      const parts = dir ? dir.split('/') : [];
      for (const seg of m[1].split('/')) {
        if (seg === '..') parts.pop();
        else if (seg && seg !== '.') parts.push(seg);
      }
      joined = parts.join('/');
    }
    out.push(`jsbase:${joined.replace(/\.(m?js|cjs)$/, '')}`);
  }
  return [...new Set(out)];
}
