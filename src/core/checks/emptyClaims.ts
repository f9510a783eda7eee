// Finds claims that the repo (or a named folder/file) is empty or missing, and keeps those the repo
// contradicts: a confident "the repo layout supplied is empty" about a full repo misleads judges.
import { countFilesUnder, findPath, type RepoTree } from './repoTree';
import type { EmptyClaim } from './types';

const REPO = String.raw`(?:repo(?:sitory)?|code\s?base|project|source\s+tree)`;
const REPO_EMPTY: RegExp[] = [
  new RegExp(String.raw`\b(?:the\s+)?${REPO}(?:\s+(?:layout|structure|tree|contents?|snapshot|context|listing|files?))?` +
    String.raw`(?:\s+(?:that\s+)?(?:(?:you|was|were|has\s+been|have\s+been)\s+)?(?:supplied|provided|given|shared|shown|attached|included|uploaded))?` +
    String.raw`\s+(?:is|was|are|were|appears?(?:\s+to\s+be)?|seems?(?:\s+to\s+be)?|looks)\s+(?:completely\s+|entirely\s+|totally\s+|essentially\s+|basically\s+)?empty\b`, 'gi'),
  new RegExp(String.raw`\bno\s+(?:source\s+)?(?:files?|code|source(?:\s+code)?)\s+(?:(?:were|was|are|is|have\s+been|has\s+been)\s+)?(?:provided|supplied|included|present|shared|available|given|found|attached)\b`, 'gi'),
  new RegExp(String.raw`\b(?:the\s+)?${REPO}(?:\s+(?:layout|structure|tree))?\s+(?:does\s+not|doesn't|did\s+not|didn't)\s+(?:seem\s+to\s+|appear\s+to\s+)?(?:contain|have|include)\s+any\s+(?:source\s+)?(?:files?|code)\b`, 'gi'),
  new RegExp(String.raw`\bthere\s+(?:are|is|were|was)\s+no\s+(?:source\s+)?(?:files?|code)\s+(?:in|within)\s+(?:the\s+)?(?:${REPO}|layout|tree)\b`, 'gi'),
  new RegExp(String.raw`\b(?:an?|the|this)\s+empty\s+${REPO}(?:\s+(?:layout|structure|tree|snapshot))?\b`, 'gi'),
];

const NAME = String.raw`\x60?([\w./@-]+?)\x60?`;
const KIND = String.raw`(?:folder|directory|dir|package|module|file|path)`;
const NOT_EXIST = String.raw`(?:does\s+not|doesn't|did\s+not|didn't)\s+(?:seem\s+to\s+|appear\s+to\s+)?exist`;
const PATH_MISSING: { re: RegExp; claim: 'missing' | 'empty' }[] = [
  { re: new RegExp(String.raw`\b${KIND}\s+${NAME}\s+${NOT_EXIST}`, 'gi'), claim: 'missing' },
  { re: new RegExp(String.raw`\x60([\w./@-]+)\x60\s+(?:${KIND}\s+)?${NOT_EXIST}`, 'gi'), claim: 'missing' },
  { re: new RegExp(String.raw`\bthere\s+is\s+no\s+${NAME}\s+${KIND}\b`, 'gi'), claim: 'missing' },
  { re: new RegExp(String.raw`\bthere\s+is\s+no\s+${KIND}\s+(?:called\s+|named\s+)?${NAME}(?=[\s.,;:!?)]|$)`, 'gi'), claim: 'missing' },
  { re: new RegExp(String.raw`\x60([\w./@-]+)\x60\s+(?:${KIND}\s+)?is\s+(?:missing|absent|not\s+present)\b`, 'gi'), claim: 'missing' },
  { re: new RegExp(String.raw`\b(?:folder|directory|dir|package)\s+${NAME}\s+is\s+(?:completely\s+|entirely\s+)?empty\b`, 'gi'), claim: 'empty' },
  { re: new RegExp(String.raw`\x60([\w./@-]+)\x60\s+(?:(?:folder|directory|dir|package)\s+)?is\s+(?:completely\s+|entirely\s+)?empty\b`, 'gi'), claim: 'empty' },
];

function short(commit: string): string {
  return commit.slice(0, 7);
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 197)}...` : t;
}

/** Looks a named folder/file/module up in the tree (dotted module names are tried as paths too). */
function lookup(tree: RepoTree, name: string): { kind: 'file' | 'dir'; path: string } | undefined {
  const clean = name.replace(/^\.\//, '').replace(/[.,;:]+$/, '');
  if (!clean || !/[A-Za-z]/.test(clean)) return undefined;
  const direct = findPath(tree, clean);
  if (direct) return direct;
  if (/^[\w]+(\.[\w]+)+$/.test(clean)) {
    const asPath = clean.replace(/\./g, '/');
    return findPath(tree, asPath) ?? findPath(tree, `${asPath}.py`);
  }
  return undefined;
}

/** Returns the empty/missing claims in `text` that the tree contradicts. */
export function findFalseEmptyClaims(text: string, tree: RepoTree): EmptyClaim[] {
  const out: EmptyClaim[] = [];
  const seen = new Set<string>();
  const push = (c: EmptyClaim): void => {
    const key = c.subject === 'repo' ? `repo|${c.text}` : c.subject; // overlapping patterns name the same folder
    if (!seen.has(key)) { seen.add(key); out.push(c); }
  };
  if (tree.files.size > 0) {
    for (const re of REPO_EMPTY) {
      for (const m of text.matchAll(re)) {
        push({ text: clip(m[0]), subject: 'repo', reason: `the repo has ${tree.files.size} files at ${short(tree.commit)}` });
      }
    }
  }
  for (const { re, claim } of PATH_MISSING) {
    for (const m of text.matchAll(re)) {
      const name = m[1];
      const found = lookup(tree, name);
      if (!found) continue;
      if (claim === 'missing') {
        const what = found.kind === 'dir' ? `folder with ${countFilesUnder(tree, found.path)} files` : 'file';
        push({ text: clip(m[0]), subject: name, reason: `${found.path} exists at ${short(tree.commit)} (${what})` });
      } else if (found.kind === 'dir') {
        push({ text: clip(m[0]), subject: name, reason: `${found.path} has ${countFilesUnder(tree, found.path)} files at ${short(tree.commit)}` });
      }
    }
  }
  return out;
}
