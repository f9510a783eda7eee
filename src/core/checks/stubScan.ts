// Stub density: how many of a patch's added lines are placeholders (TODO, `pass`, NotImplementedError,
// empty function bodies...). A patch that looks complete but is mostly stubs should not win on length.
import type { ParsedPatch } from './patchParse';
import type { StubExample, StubReport } from './types';

/** How many stub examples a report keeps. */
export const MAX_STUB_EXAMPLES = 5;

const LINE_RULES: { kind: string; re: RegExp }[] = [
  { kind: 'TODO', re: /\b(?:TODO|FIXME|XXX)\b/ },
  { kind: 'NotImplementedError', re: /\bNotImplementedError\b/ },
  { kind: 'not implemented', re: /\bthrow\s+new\s+\w*Error\(\s*['"`][^'"`]*\b(?:not\s+(?:yet\s+)?implemented|unimplemented)\b/i },
  { kind: 'not implemented', re: /\b(?:unimplemented|todo)!\s*\(|\bpanic\(\s*"[^"]*not\s+implemented/i },
  { kind: 'empty function', re: /^\s*(?:async\s+)?def\s+\w+\s*\(.*\)\s*(?:->\s*[^:]+)?:\s*(?:\.\.\.|pass)\s*(?:#.*)?$/ },
  { kind: 'empty function', re: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*[\w$]*\s*\([^)]*\)\s*(?::\s*[^={]+)?\{\s*\}\s*;?\s*$/ },
  { kind: 'empty function', re: /^\s*(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::[^=]+)?=\s*(?:async\s+)?(?:\([^)]*\)|[\w$]+)\s*(?::\s*[^=]+)?=>\s*\{\s*\}\s*;?\s*$/ },
  { kind: 'empty function', re: /^\s*(?:(?:public|private|protected|static|async|override|readonly)\s+)*(?!(?:if|for|while|switch|catch|constructor|function)\b)[\w$]+\s*\([^)]*\)\s*(?::\s*[^={]+)?\{\s*\}\s*$/ },
  { kind: 'placeholder', re: /(?<![:</-])\bplaceholder\b(?!\s*[=:])/i },
];

const PASS = /^\s*pass\s*(?:#.*)?$/;
const ELLIPSIS = /^\s*\.\.\.\s*$/;
const PY_DEF = /^\s*(?:async\s+)?def\s+\w+.*:\s*(?:#.*)?$/;
const PY_BLOCK_IDIOM = /^\s*(?:except\b.*|class\s+\w+.*|else|finally|try):\s*(?:#.*)?$/;
const JS_SIG_OPEN = /^\s*(?:export\s+)?(?:default\s+)?(?:(?:public|private|protected|static|async|override)\s+)*(?:function\s*\*?\s*[\w$]*\s*\([^)]*\)|(?!(?:if|for|while|switch|catch|constructor)\b)[\w$]+\s*\([^)]*\))\s*(?::\s*[^={]+)?\{\s*$/;

function isDeclarationFile(path: string): boolean {
  return /\.(pyi|d\.ts)$/.test(path);
}

/** Longer added lines are only searched for markers (TODO, NotImplementedError): no stub signature is that long. */
const MAX_SHAPE_LINE = 400;
const DOCSTRING_QUOTE = /^\s*("""|''')/;

/** `prev` is the nearest earlier added line that is neither blank nor a docstring quote (the caller tracks it: O(1)). */
function classify(path: string, lines: readonly { text: string }[], i: number, prev: string): string | undefined {
  const text = lines[i].text;
  if (text.length > MAX_SHAPE_LINE) return LINE_RULES.slice(0, 2).find((r) => r.re.test(text))?.kind;
  for (const r of LINE_RULES) if (r.re.test(text)) return r.kind;
  if (PASS.test(text) && !PY_BLOCK_IDIOM.test(prev)) return PY_DEF.test(prev) ? 'empty function' : 'pass';
  if (ELLIPSIS.test(text) && !isDeclarationFile(path)) return PY_DEF.test(prev) ? 'empty function' : '...';
  if (/^\s*\}\s*;?\s*$/.test(text) && i > 0 && lines[i - 1].text.length <= MAX_SHAPE_LINE && JS_SIG_OPEN.test(lines[i - 1].text)) return 'empty function';
  return undefined;
}

/** Counts stub-like added lines over the whole patch. */
export function scanStubs(patch: ParsedPatch): StubReport {
  let count = 0;
  let added = 0;
  const examples: StubExample[] = [];
  for (const f of patch.files) {
    const path = f.newPath ?? f.oldPath ?? '';
    added += f.added;
    let prev = '';
    for (let i = 0; i < f.addedLines.length; i++) {
      const kind = classify(path, f.addedLines, i, prev);
      const t = f.addedLines[i].text;
      if (t.trim() !== '' && !DOCSTRING_QUOTE.test(t)) prev = t.length > MAX_SHAPE_LINE ? '' : t;
      if (!kind) continue;
      count++;
      if (examples.length < MAX_STUB_EXAMPLES) {
        const ex: StubExample = { path, kind, text: f.addedLines[i].text.trim().slice(0, 160) };
        const line = f.addedLines[i].line;
        if (line !== undefined) ex.line = line;
        examples.push(ex);
      }
    }
  }
  return { count, perAddedLine: added > 0 ? Math.round((count / added) * 1000) / 1000 : 0, examples };
}
