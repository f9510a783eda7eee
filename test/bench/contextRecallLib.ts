// Helpers of the context_recall bench: gold hunks from a unified diff, file entries from a prompt, a BM25 baseline.

/** The lines a change edits in one file, as they stood before (a pure insertion: the line it follows). */
export interface Hunk {
  path: string;
  lines: string[];
}

/** Parses `git diff -U0` output into pre-image hunks; lineAt reads a line of the old file (1-based) for insertions. */
export function parseHunks(diff: string, lineAt: (path: string, line: number) => string): Hunk[] {
  const out: Hunk[] = [];
  let path = '';
  let cur: Hunk | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      cur = null;
      path = '';
    } else if (line.startsWith('--- ')) {
      path = line.startsWith('--- a/') ? line.slice(6) : '';
    } else if (line.startsWith('@@ ') && path) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      cur = { path, lines: [] };
      out.push(cur);
      if (count === 0) cur.lines.push(lineAt(path, Math.max(1, start)));
    } else if (cur && line.startsWith('-') && !line.startsWith('--- ')) {
      cur.lines.push(line.slice(1));
    }
  }
  // A hunk that only inserts after a blank line is anchored to nothing checkable: keep it, it counts as found only
  // when its file is present (its line set is empty after trimming, so the check falls back to the file).
  return out.map((h) => (h.lines.some((l) => l.trim()) ? h : { path: h.path, lines: [] }));
}

function unescapeAttr(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The `<file path="…">` entries of a repository block: path → text as sent (whole or in parts). */
export function parseFileEntries(repoText: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<file path="([^"]*)"[^>]*>\n([\s\S]*?)<\/file>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(repoText)) !== null) out.set(unescapeAttr(m[1]), m[2]);
  return out;
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * The baseline: plain BM25 (k1 1.2, b 0.75) of the brief's words over whole source files, then whole files in score
 * order while they fit the budget (each file's tokens plus a small wrapper). Returns the chosen paths.
 */
export function bm25Baseline(files: { path: string; text: string }[], query: string, budget: number, count: (s: string) => number): string[] {
  const q = [...new Set(tokens(query).filter((t) => t.length >= 2))];
  const docs = files.map((f) => {
    const tf = new Map<string, number>();
    const toks = tokens(`${f.path} ${f.text}`);
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { path: f.path, text: f.text, tf, len: toks.length };
  });
  const avg = docs.reduce((s, d) => s + d.len, 0) / Math.max(1, docs.length);
  const df = new Map(q.map((t) => [t, docs.filter((d) => d.tf.has(t)).length]));
  const scored = docs.map((d) => {
    let s = 0;
    for (const t of q) {
      const f = d.tf.get(t);
      if (!f) continue;
      const n = df.get(t)!;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / avg));
    }
    return { d, s };
  });
  scored.sort((a, b) => b.s - a.s || (a.d.path < b.d.path ? -1 : 1));
  const out: string[] = [];
  let used = 0;
  for (const { d, s } of scored) {
    if (s <= 0) break;
    const t = count(d.text) + 12;
    if (used + t > budget) continue;
    used += t;
    out.push(d.path);
  }
  return out;
}
