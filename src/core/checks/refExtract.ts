// Pulls the repository references out of a draft's markdown: file paths (with lines), symbols in
// backticks, `Class.method` in prose, and import statements inside fenced code.
import { extractImports, langOfFence } from './importRefs';
import type { RepoRef } from './types';

/** Extensions that make a token a file path even without a slash. */
export const KNOWN_EXTENSIONS = new Set(('ts tsx js jsx mjs cjs mts cts py pyi pyx ipynb rs go java kt kts scala c h cc cpp cxx hpp hh hxx ' +
  'cs fs rb php swift m mm r jl lua pl pm sh bash zsh fish ps1 bat cmd sql json jsonc json5 yaml yml toml ini cfg conf ' +
  'md mdx rst txt adoc html htm css scss sass less vue svelte astro xml gradle proto cu cuh f90 f hs ml mli ex exs erl ' +
  'clj cljs dart zig nim tex bib lock env csv tsv graphql gql tf hcl nix cmake mk dockerfile').split(' '));

/** File names without an extension that are still clearly files. */
export const KNOWN_FILENAMES = new Set(['Makefile', 'Dockerfile', 'LICENSE', 'README', 'Gemfile', 'Rakefile', 'Procfile',
  'Justfile', 'Vagrantfile', 'Jenkinsfile', 'CODEOWNERS', 'Pipfile', 'BUILD', 'WORKSPACE', '.gitignore', '.gitattributes',
  '.editorconfig', '.npmrc', '.nvmrc', '.env', '.dockerignore', '.prettierrc', '.eslintrc']);

const TECH_NAMES = /^(node|next|vue|react|three|d3|express|nuxt|chart|p5|angular|ember|backbone|socket\.io|deno|bun|solid|alpine|preact|moment|lodash|pdf|web3|ethers|tensorflow|brain|ml5)\.(js|ts)$/i;

/** Words that are not repo references even in backticks (keywords, literals, builtins, common tools). */
const NOT_SYMBOLS = new Set(('true false null undefined none nil self this cls super return async await def class function ' +
  'const let var import export from yield lambda pass raise try except finally with as if else elif for while in is not ' +
  'and or new delete typeof instanceof void static public private protected interface type enum extends implements ' +
  'package struct fn impl mut pub use mod crate match string number boolean int float str bool dict list tuple set ' +
  'object any unknown never bytes char double long print len range open isinstance main npm npx yarn pnpm pip pipx conda git node ' +
  'python python3 pytest tox make cmake cargo docker bash curl poetry jest mocha vitest tsc eslint prettier ruff ' +
  'mypy black flake8 venv sudo todo fixme json yaml toml html css http https url api cli').split(' '));

const SYMBOL_RE = /^(?:(?:self|this|cls)\.)?([A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*)(?:\(.*\))?$/;
const LINE_SUFFIX = /^(.*?)(?::(\d+)(?:([-:])(\d+))?|#L(\d+)(?:-L?(\d+))?)$/;
const PROSE_LINES = /^\s*(?:,\s*|\(\s*)?(?:at\s+|on\s+)?lines?\s+(\d+)(?:\s*(?:-|–|to)\s*(\d+))?/i;

/** Tokens longer than this are never a path or a symbol (and are not handed to the per-token regexes). */
export const MAX_REF_TOKEN = 512;

/** Options for extraction; topDirs lets slash tokens in prose count only when they start at a real folder. */
export interface ExtractOptions {
  topDirs?: ReadonlySet<string>;
}

function extOf(token: string): string | undefined {
  const base = token.slice(token.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function looksLikeFile(token: string): boolean {
  const base = token.slice(token.lastIndexOf('/') + 1);
  if (KNOWN_FILENAMES.has(base)) return true;
  const ext = extOf(token);
  return ext !== undefined && KNOWN_EXTENSIONS.has(ext) && /[A-Za-z]/.test(base.slice(0, base.lastIndexOf('.')));
}

function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/{2,}/g, '/');
}

/** Makes a path/line ref from a token like `src/a.py:12-20` or `a.py#L3`, or undefined if it is no path. */
export function pathRef(token: string, source: RepoRef['source'], strict: boolean, opts: ExtractOptions = {}): RepoRef | undefined {
  if (token.length > MAX_REF_TOKEN) return undefined;
  let t = token.trim().replace(/^[("'<[]+/, '').replace(/[)"'>\],;!?]+$/, '');
  let lines: { start: number; end: number } | undefined;
  const m = LINE_SUFFIX.exec(t);
  if (m && m[1]) {
    t = m[1];
    const start = Number(m[2] ?? m[5]);
    // ':12:5' is line:column; ':12-20' and '#L12-L20' are ranges
    const endRaw = m[5] !== undefined ? m[6] : m[3] === '-' ? m[4] : undefined;
    const end = endRaw !== undefined && Number(endRaw) >= start ? Number(endRaw) : start;
    lines = { start, end };
  }
  t = t.replace(/\.+$/, '');
  if (!t || /\s|:\/\/|^[a-z]+:/i.test(t) || t.startsWith('--') || !/[A-Za-z]/.test(t)) return undefined;
  const hasSlash = t.includes('/') || t.includes('\\');
  const file = looksLikeFile(t);
  if (!file && !hasSlash) return undefined;
  if (!hasSlash && TECH_NAMES.test(t)) return undefined;
  if (!file && strict) {
    // Prose: "and/or", "I/O", "TCP/IP" are not paths; accept folder-like tokens only.
    const segs = t.replace(/^\.{0,2}\//, '').split('/').filter(Boolean);
    const top = segs[0] ?? '';
    const plausible = t.endsWith('/') || segs.length >= 3 || (opts.topDirs?.has(top) ?? false);
    if (!plausible || segs.some((s) => /^\d+$/.test(s))) return undefined;
  }
  const path = normalisePath(t);
  const text = token.trim().replace(/[.,;!?]+$/, '');
  if (lines && file) return { kind: 'line', text, path, lines, source };
  return { kind: 'path', text, path, source };
}

/** Makes a symbol ref from backticked code like `Foo.bar()`, or undefined if it is no identifier. */
export function symbolRef(code: string, source: RepoRef['source']): RepoRef | undefined {
  if (code.length > MAX_REF_TOKEN) return undefined;
  const m = SYMBOL_RE.exec(code.trim());
  if (!m) return undefined;
  const parts = m[1].split(/\.|::|#/).filter(Boolean);
  if (parts.length === 1) {
    const p = parts[0];
    if (p.length < 3 || NOT_SYMBOLS.has(p.toLowerCase()) || /^\d/.test(p)) return undefined;
  }
  if (parts.every((p) => NOT_SYMBOLS.has(p.toLowerCase()))) return undefined;
  return { kind: 'symbol', text: code.trim(), parts, source };
}

interface Segments { prose: string[]; fences: { info: string; lines: string[] }[] }

function splitFences(text: string): Segments {
  const out: Segments = { prose: [], fences: [] };
  let fence: { info: string; lines: string[]; marker: string } | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.marker[0] && m[1].length >= fence.marker.length && !m[2].trim()) {
        out.fences.push({ info: fence.info, lines: fence.lines });
        fence = undefined;
      } else fence.lines.push(line);
    } else if (m) fence = { info: m[2], lines: [], marker: m[1] };
    else out.prose.push(line);
  }
  if (fence) out.fences.push({ info: fence.info, lines: fence.lines });
  return out;
}

const PROSE_PATH = /(?<![\w/.@$-])((?:\.{1,2}\/)?[\w@+-][\w@.+-]*(?:\/[\w@.+-]+)*\/?(?::\d+(?:[-:]\d+)?|#L\d+(?:-L?\d+)?)?)/g;
const PROSE_MEMBER = /(?<![\w.$])([A-Z][A-Za-z0-9_]*\.[a-z_][A-Za-z0-9_]*)(?![\w.])/g;
const TRACEBACK = /File "([^"]+)", line (\d+)/g;

/** True for a token like `user@host.tld` (an '@' after the first character, then a '.' and a word character). */
function isEmailLike(tok: string): boolean {
  const at = tok.indexOf('@', 1);
  return at > 0 && /\.\w/.test(tok.slice(at + 2));
}

function addProse(text: string, source: RepoRef['source'], opts: ExtractOptions, out: RepoRef[]): void {
  const spans: string[] = [];
  let rest = text.replace(/`([^`\n]+)`((?:\s*(?:,\s*|\(\s*)?(?:at\s+|on\s+)?lines?\s+\d+(?:\s*(?:-|–|to)\s*\d+)?)?)/gi, (_all, code: string, tail: string) => {
    spans.push(code + (tail ? `\u0000${tail}` : ''));
    return ' ';
  });
  // A repeated span or token is judged once (the result is de-duplicated anyway): a draft repeating one token a
  // million times costs one look, not a million.
  const seen = new Set<string>();
  for (const span of spans) {
    if (seen.has(span) || span.length > MAX_REF_TOKEN * 2) continue;
    seen.add(span);
    const [code, tail] = span.split('\u0000');
    if (/^\s*(from|import)\s/.test(code)) {
      const im = extractImports([code], undefined, source);
      if (im.length > 0) { out.push(...im); continue; }
    }
    const p = pathRef(code, source, false, opts);
    if (p) {
      const lm = tail ? PROSE_LINES.exec(tail) : null;
      if (lm && p.kind === 'path' && p.path && looksLikeFile(p.path)) {
        const start = Number(lm[1]);
        out.push({ ...p, kind: 'line', text: `${code}:${start}${lm[2] ? `-${lm[2]}` : ''}`, lines: { start, end: lm[2] ? Number(lm[2]) : start } });
      } else out.push(p);
      continue;
    }
    const s = symbolRef(code, source);
    if (s) out.push(s);
  }
  // Every pattern below is linear: no two adjacent quantifiers can match the same character, so a failed start
  // position costs O(1) or stops at the next delimiter (test/bench/checks.bench.ts runs 1 MB pathological drafts).
  rest = rest.replace(/\[([^[\]\n]*)\]\([^()\s]*(?:\s+"[^"\n]*")?\)/g, '$1 '); // [text](url) -> text
  rest = rest.replace(/\b(?:https?|ftp|file):\/\/[^\s<>)\]]+|\bwww\.[^\s<>)\]]+/gi, ' ');
  rest = rest.replace(/[^\s<>()]+/g, (tok) => (isEmailLike(tok) ? ' ' : tok));
  seen.clear();
  for (const m of rest.matchAll(PROSE_PATH)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    const p = pathRef(m[1], source, true, opts);
    if (p) out.push(p);
  }
  seen.clear();
  for (const m of rest.matchAll(PROSE_MEMBER)) {
    if (seen.has(m[1]) || looksLikeFile(m[1])) continue;
    seen.add(m[1]);
    const s = symbolRef(m[1], source);
    if (s) out.push(s);
  }
}

/** Extracts repo references from a draft's title and markdown body, de-duplicated by text. */
export function extractRefs(title: string, body: string, opts: ExtractOptions = {}): RepoRef[] {
  const out: RepoRef[] = [];
  addProse(title, 'title', opts, out);
  const seg = splitFences(body);
  addProse(seg.prose.join('\n'), 'body', opts, out);
  for (const f of seg.fences) {
    if (/^\s*diff\b/.test(f.info)) continue; // a diff in the body is checked as a patch, not as prose
    out.push(...extractImports(f.lines, langOfFence(f.info), 'body'));
    const joined = f.lines.join('\n');
    for (const m of joined.matchAll(TRACEBACK)) {
      if (m[1].startsWith('/') || /^[A-Za-z]:\\/.test(m[1]) || m[1].startsWith('<')) continue;
      const p = pathRef(`${m[1]}:${m[2]}`, 'body', false, opts);
      if (p) out.push(p);
    }
    // '+' belongs to the look-behind too: otherwise every '+' inside a long run would start a new O(run) attempt.
    for (const m of joined.matchAll(/(?<![\w/.@$+-])((?:[\w@.+-]+\/)+[\w@+-][\w@.+-]*\.[A-Za-z0-9]+)(?![\w/])/g)) {
      if (looksLikeFile(m[1])) {
        const p = pathRef(m[1], 'body', false, opts);
        if (p) out.push(p);
      }
    }
  }
  return dedupe(out);
}

function dedupe(refs: RepoRef[]): RepoRef[] {
  const seen = new Set<string>();
  const out: RepoRef[] = [];
  for (const r of refs) {
    const key = r.kind === 'module' ? `module:${r.module?.lang}:${r.module?.name}:${r.module?.fromFile ?? ''}`
      : r.kind === 'line' ? `line:${r.path}:${r.lines?.start}-${r.lines?.end}`
        : r.kind === 'path' ? `path:${r.path?.replace(/\/$/, '')}` : `symbol:${r.parts?.join('.')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
