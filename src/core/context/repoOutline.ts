/** The outline of the top-ranked files: their classes and functions with signatures and line numbers, in a small budget. */
import { fileKind } from './codeRanking';
import { countTokens } from './tokenCount';

/**
 * A signature line: Python, JS/TS, Go, Rust, Java-like declarations (group 1: the declaration up to its body); the
 * keyword ends a word (`enumerate(x)` or `types = …` is no declaration). A bracket's contents stop at \r as well as
 * \n (`^` matches after a lone \r: a 256 KB file of `s\rfn(\r` took 5 s).
 */
const SIG = /^([ \t]*)((?:(?:pub(?:\([^)\n\r]*\))?|export|default|async|static|public|private|protected|abstract|final|unsafe|declare)[ \t]+)*(?:(?:def|class|fn|func|function|struct|enum|trait|interface|type)(?![\w$])|function[ \t]*\*|impl(?:<[^>\n\r]*>)?(?![\w$]))[ \t]*(?:\([^)\n\r]*\)[ \t]*)?[A-Za-z_$][^\n]*)$/gm;

/**
 * A declaration cut before its body: before the first `{` or `=>`, without the spaces in front of it. A search, where
 * `\s*(\{|=>)` rescanned a long run of spaces from each of its characters (one 256 KB line took 33 s).
 */
function beforeBody(decl: string): string {
  const brace = decl.indexOf('{');
  const arrow = decl.indexOf('=>');
  const cut = brace < 0 ? arrow : arrow < 0 ? brace : Math.min(brace, arrow);
  return cut < 0 ? decl : decl.slice(0, cut).trimEnd();
}

/** Signatures of a file: "L<line>: <declaration>" (indented as in the file, bodies cut at the first brace or colon). */
export function signatures(text: string, max = 60): string[] {
  const out: string[] = [];
  SIG.lastIndex = 0;
  let m: RegExpExecArray | null;
  let line = 1;
  let at = 0;
  while ((m = SIG.exec(text)) !== null && out.length < max) {
    for (let i = text.indexOf('\n', at); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    at = m.index;
    const indent = m[1].replace(/\t/g, '    ').length;
    if (indent > 8) continue; // nested helpers: too deep to be worth the space
    let decl = beforeBody(m[2].trim()).replace(/:\s*$/, '');
    if (decl.length > 140) decl = `${decl.slice(0, 137)}…`;
    out.push(`${' '.repeat(Math.min(indent, 8))}L${line}: ${decl}`);
  }
  return out;
}

/** A rendered outline; sections: each file's path and the line (1-based) of its header in text. */
export interface RenderedOutline {
  text: string;
  tokens: number;
  files: number;
  sections: { path: string; line: number }[];
}

/** Renders `<outline>` for the best source files in rank order while it fits budgetTokens; '' when nothing fits. */
export function renderOutline(files: { path: string; text: () => string | null }[], budgetTokens: number, maxFiles = 12): RenderedOutline {
  const parts: string[] = [];
  const sections: { path: string; line: number }[] = [];
  let line = 2; // after the <outline> line
  let used = countTokens('<outline>\n</outline>') + 8;
  for (const f of files) {
    if (parts.length >= maxFiles || used >= budgetTokens - 20) break;
    if (fileKind(f.path) !== 'source') continue;
    const text = f.text();
    if (!text) continue;
    let sigs = signatures(text);
    if (sigs.length === 0) continue;
    let block = `${f.path}:\n${sigs.join('\n')}`;
    let t = countTokens(block) + 1;
    while (t > budgetTokens - used && sigs.length > 3) {
      sigs = sigs.filter((s) => !s.startsWith(' ')).slice(0, Math.floor(sigs.length / 2));
      block = `${f.path}:\n${sigs.join('\n')}\n  …`;
      t = countTokens(block) + 1;
    }
    if (t > budgetTokens - used) continue;
    parts.push(block);
    sections.push({ path: f.path, line });
    line += block.split('\n').length;
    used += t;
  }
  if (parts.length === 0) return { text: '', tokens: 0, files: 0, sections: [] };
  const text = `<outline note="classes and functions of the top-ranked files, with line numbers">\n${parts.join('\n')}\n</outline>`;
  return { text, tokens: countTokens(text), files: parts.length, sections };
}

/**
 * Where a line of the outline comes from: the file of its section and the file line its `L<n>:` names (the section's
 * header line: line 1).
 */
export function outlineSource(o: RenderedOutline, line: number): { path: string; line: number } | null {
  let s: { path: string; line: number } | undefined;
  for (const x of o.sections) if (x.line <= line) s = x;
  if (!s) return null;
  const n = /^ *L(\d+): /.exec(o.text.split('\n')[line - 1] ?? '');
  return { path: s.path, line: n ? Number(n[1]) : 1 };
}
