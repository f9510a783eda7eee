/** The run manifest: its canonical hash and a Markdown rendering for previews and the CLI. */
import { createHash } from 'node:crypto';
import { escapeNameChars } from './nameChars';
import type { ContextManifest, ManifestFileOmitted, OmitReason } from './types';

/** JSON with object keys sorted (undefined members dropped), so equal manifests always serialize (and hash) the same. */
export function canonicalJson(value: unknown): string {
  // Native JSON.stringify of a copy whose objects have their keys inserted in sorted order (objects already sorted are
  // shared, not copied). What that cannot reproduce takes the explicit writer: integer-like keys (JavaScript orders them
  // numerically), a `__proto__` key, a toJSON method, a boxed primitive.
  const state = { explicit: false };
  const sorted = sortedCopy(value, state);
  if (!state.explicit) return JSON.stringify(sorted) ?? 'null';
  const parts: string[] = [];
  writeCanonical(value, parts);
  return parts.join('');
}

/** value with every object's keys in sorted order and functions and symbols as null; sets state.explicit when native JSON cannot write it. */
function sortedCopy(v: unknown, state: { explicit: boolean }): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return typeof v === 'symbol' ? null : v;
  if (state.explicit) return v;
  // Native JSON calls toJSON (a Date becomes a string; an array or a function may have one too) and unwraps boxed
  // primitives; the canonical form writes their own members.
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function' || v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) {
    state.explicit = true;
    return v;
  }
  if (typeof v === 'function') return null;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const c = sortedCopy(x, state);
      if (c !== x && out === null) out = v.slice(0, i);
      if (out !== null) out.push(c);
    }
    return out ?? v;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  let inOrder = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const c0 = k.charCodeAt(0);
    if ((c0 >= 48 && c0 <= 57 && INTEGER_KEY.test(k)) || k === '__proto__') {
      state.explicit = true;
      return v;
    }
    if (i > 0 && keys[i - 1] > k) inOrder = false;
  }
  if (!inOrder) {
    const out: Record<string, unknown> = {};
    for (const k of keys.sort()) out[k] = sortedCopy(obj[k], state);
    return out;
  }
  let out: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = obj[k];
    const c = sortedCopy(x, state);
    if (c !== x && out === null) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
    }
    if (out !== null) out[k] = c;
  }
  return out ?? obj;
}

const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

function writeCanonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(',');
      if (value[i] === undefined) out.push('null');
      else writeCanonical(value[i], out);
    }
    out.push(']');
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out.push('{');
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out.push(first ? '' : ',', JSON.stringify(k), ':');
    writeCanonical(v, out);
    first = false;
  }
  out.push('}');
}

/** sha256 hex of the manifest without its manifestHash field. */
export function computeManifestHash(m: Omit<ContextManifest, 'manifestHash'> & { manifestHash?: string }): string {
  const { manifestHash: _ignored, ...rest } = m;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

const REASON_LABEL: Record<OmitReason, string> = {
  binary: 'binary', lockfile: 'lockfile', vendored: 'vendored', generated: 'generated', minified: 'minified',
  too_large: 'too large', secret_file: 'secret file (dropped whole)', secret_dense: 'too many secrets (dropped)',
  symlink_outside_root: 'symlink outside the repository', unsafe_path: 'path leaves the repository, names .git, or holds control or bidi characters',
  git_dir: 'inside .git (never sent)', not_a_file: 'not a regular file', unreadable: 'unreadable',
  over_budget: 'over the token budget',
};

// Markdown that would act rather than show: a backslash (it would undo the escapes), `<` (HTML, autolinks), `&`
// (entities such as &#x202e;), `](` (a link or an image, which the preview loads: `![](https:/host/x.png)`), and at
// the start (where a list item's text begins) `[` (a link definition `[x]: https://…` that `![x]` elsewhere would
// load), `#` and `>` (a heading or a quote).
const ACTIVE = /[\\<&]|\](?=\()|^[[#>]/g;

/**
 * Text from the repository or a paper (a file name, a reason, a title) as Markdown that shows it as it is: nothing in
 * it adds a line, loads an image, links, writes HTML or reaches a terminal as a control sequence. Ordinary names are
 * unchanged.
 */
export function mdText(s: string): string {
  // Shown as `\uXXXX` (escapeNameChars): controls (a newline would add lines, ESC drives a terminal the CLI prints to),
  // line and paragraph separators, bidi embeddings, overrides and isolates.
  return escapeNameChars(s.replace(ACTIVE, (c) => `\\${c}`));
}

function cell(s: string): string {
  return mdText(s).replace(/\|/g, '\\|');
}

/** Renders the manifest as Markdown: totals, files sent, redactions, and omissions grouped by reason. */
export function renderManifestMarkdown(m: ContextManifest, maxOmittedPerReason = 25): string {
  const out: string[] = [];
  out.push(`# Context manifest — ${mdText(m.repoName)}`, '');
  const n = (x: number): string => x.toLocaleString('en-US');
  const repo = m.repoMap.tokens + m.files.reduce((t, f) => t + f.tokens, 0) + (m.selection?.tokens ?? 0);
  const paper = m.papers.reduce((t, p) => t + p.tokens, 0);
  const rest = Math.max(0, m.totals.tokens - repo - paper);
  out.push(`- Mode: ${m.mode}; template ${m.promptTemplateVersion}; token budget ${n(m.budgetTokens)} for the repository part only (map, files, selection); the paper and the instructions come on top`);
  out.push(`- Sent: ${m.totals.files} files, ${n(m.totals.bytes)} bytes, ~${n(m.totals.tokens)} tokens in all (o200k) = repository ~${n(repo)} of its ${n(m.budgetTokens)} budget`
    + ` + paper ~${n(paper)} + instructions and wrappers ~${n(rest)}`);
  out.push(`- Repository map: ${m.repoMap.shownPaths} of ${m.repoMap.paths} paths shown, ${m.repoMap.tokens} tokens${m.repoMap.truncated ? ' (condensed to fit)' : ''}${m.repoMap.outlineFiles ? `; outline of ${m.repoMap.outlineFiles} top files, ${m.repoMap.outlineTokens} tokens` : ''}`);
  if (m.selection) out.push(`- Editor selection: ${mdText(m.selection.path)} lines ${m.selection.startLine}-${m.selection.endLine} (${m.selection.tokens} tokens)`);
  for (const p of m.papers) {
    out.push(`- Paper: ${mdText(p.id)} — ${mdText(p.title)} (${p.tokens} tokens${p.omittedSections.length ? `; omitted: ${mdText(p.omittedSections.join(', '))}` : ''})`);
  }
  out.push(`- Redactions: ${m.redactions.length}`, `- Prefix hash: \`${m.prefixHash}\``, `- Manifest hash: \`${m.manifestHash}\``, '');
  out.push('## Files sent', '', '| # | Path | Tokens | Bytes | Why |', '|---:|---|---:|---:|---|');
  for (const f of m.files) out.push(`| ${f.rank} | ${cell(f.path)} | ${f.tokens} | ${f.bytes} | ${cell(f.reason)}${f.redactions ? ` (${f.redactions} redacted)` : ''} |`);
  if (m.redactions.length) {
    out.push('', '## Redactions', '', '| Path | Line | Rule |', '|---|---:|---|');
    for (const r of m.redactions) out.push(`| ${cell(r.path)} | ${r.line} | ${cell(r.rule)} |`);
  }
  const groups = new Map<OmitReason, ManifestFileOmitted[]>();
  for (const o of m.omitted) groups.set(o.reason, [...(groups.get(o.reason) ?? []), o]);
  if (groups.size) {
    out.push('', '## Left out');
    for (const [reason, items] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      out.push('', `### ${REASON_LABEL[reason]} (${items.length})`, '');
      for (const o of items.slice(0, maxOmittedPerReason)) out.push(`- ${mdText(o.path)}${o.detail ? ` — ${mdText(o.detail)}` : ''}`);
      if (items.length > maxOmittedPerReason) out.push(`- … and ${items.length - maxOmittedPerReason} more`);
    }
  }
  return `${out.join('\n')}\n`;
}
