/** Builds what is sent: repo map + ranked whole files within a token budget, secret-scanned, plus the paper, as one prompt and manifest. */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';
import { relativeInside } from '../git/insideRoot';
import { assemblePrompt, hashPromptPrefix, renderPromptAudit } from '../prompt/assemblePrompt';
import { DEFAULT_TEMPLATE, type PromptTemplate } from '../prompt/template';
import type { BuiltPrompt } from '../prompt/types';
import { renderPaperBlock, renderPaperPool } from '../paper/paperBlock';
import { PROVIDER_KIND_IDS } from '../providers/kinds';
import type { Paper } from '../paper/types';
import { recentlyChangedPaths } from './recentChanges';
import { listRepoFiles } from './listRepoFiles';
import { computeManifestHash } from './manifest';
import { extractPaperTerms, paperTermsVisitor, termsRegex } from './paperTerms';
import { rankFiles } from './ranking';
import { buildCodeQuery } from './queryTerms';
import { queryFill, queryIndexer } from './queryFill';
import { outlineSource, renderOutline, type RenderedOutline } from './repoOutline';
import { readRepoFiles, readWhole } from './readRepoFiles';
import { renderRepoMap, SKIPPED_SCORE, type MapEntry } from './repoMap';
import { REPO_BLOCK_OVERHEAD_TOKENS, renderRepoBlock } from './repoBlock';
import { hasSymbolSupport, topLevelSymbols } from './repoSymbols';
import { dropSecretPaths, scanAndRedact, scanAndRedactMany } from './secretScan';
import { fillBudget } from './selectFiles';
import { includePinned, includeSelection, type EditorSelection } from './pinnedInputs';
import { countTokens } from './tokenCount';
import type { ContextManifest, ManifestFileOmitted, ManifestPaper, ManifestRedaction } from './types';

/** Inputs of a context build. */
export interface BuildContextInput {
  repoRoot: string;
  /** Pin mode: the pinned paper (optional: without one, the task refers to the repository alone). */
  paper?: Paper;
  /** Selection mode: the pool the model picks from. */
  selection?: { papers: Paper[] };
  /** Token budget for the repository block (map + files + selection); default 60 000. */
  budgetTokens?: number;
  /** Token budget for the paper block; default 24 000. */
  paperBudgetTokens?: number;
  /** Files always included (repo-relative or absolute inside the repo). */
  pinnedFiles?: string[];
  /** The active editor selection, always included. */
  editorSelection?: EditorSelection;
  /** Skip files larger than this; default 256 KiB. */
  maxFileBytes?: number;
  /** Share of the budget the repo map may use; default 0.25. */
  mapShare?: number;
  template?: PromptTemplate;
}

/** A built context: the manifest, the prompt, and the exact audit text of what would be sent. */
export interface BuildContextResult {
  ok: true;
  manifest: ContextManifest;
  prompt: BuiltPrompt;
  promptBytes: string;
  warnings: string[];
}

/** buildContext's result: the context, or an error a user can act on. */
export type BuildContextOutcome = BuildContextResult | { ok: false; error: string };

/** Default token budget for the repository block. */
export const DEFAULT_BUDGET_TOKENS = 60_000;
/** Default token budget for the paper block. */
export const DEFAULT_PAPER_BUDGET_TOKENS = 24_000;
/** The most tokens the outline of the top files may take (and at most 5% of the budget). */
export const OUTLINE_MAX_TOKENS = 2500;
/** Default per-file size limit. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024;

const NO_OUTLINE: RenderedOutline = { text: '', tokens: 0, files: 0, sections: [] };

function paperRefFor(p: Paper): string {
  return p.source === 'brief' ? `the idea brief "${p.title}" above` : `the paper "${p.title}" (${p.id}) above`;
}

/** The lines of a block between its first line and its last (its tags). */
function innerLines(block: string): string {
  const first = block.indexOf('\n');
  const last = block.lastIndexOf('\n');
  return first < 0 || last <= first ? '' : block.slice(first + 1, last);
}

/** The block with its inner lines replaced. */
function withInnerLines(block: string, inner: string): string {
  return `${block.slice(0, block.indexOf('\n'))}\n${inner}${block.slice(block.lastIndexOf('\n'))}`;
}

function toRepoPath(root: string, p: string): string | null {
  const abs = isAbsolute(p) ? p : resolve(root, p);
  const rel = relativeInside(root, abs);
  if (!rel) return null;
  return rel.split(sep).join('/');
}

/** Builds the context and prompt for one run. Never throws for bad input; returns { ok: false, error }. */
export async function buildContext(input: BuildContextInput): Promise<BuildContextOutcome> {
  const root = resolve(input.repoRoot);
  try {
    if (!(await stat(root)).isDirectory()) return { ok: false, error: `${root} is not a folder: open a repository folder.` };
  } catch {
    return { ok: false, error: `Repository folder ${root} does not exist.` };
  }
  const budget = Math.max(1000, Math.floor(input.budgetTokens ?? DEFAULT_BUDGET_TOKENS));
  const maxBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const mode = input.selection ? 'selection' : 'pin';
  const papers = input.selection ? input.selection.papers : input.paper ? [input.paper] : [];
  if (mode === 'selection' && papers.length === 0) return { ok: false, error: 'Selection mode needs at least one paper in the pool.' };
  const warnings = papers.flatMap((p) => p.warnings.map((w) => `${p.id}: ${w}`));
  let repoName: string;
  try {
    repoName = basename(realpathSync(root));
  } catch {
    repoName = basename(root);
  }

  const recentPromise = recentlyChangedPaths(root, 50); // runs in git while files are read
  const listed = await listRepoFiles(root);
  if (listed.warning) warnings.push(listed.warning);
  // Paths are scanned like content: a secret-looking path is left out and never shown unredacted (map, headers, manifest).
  const secretPaths = await dropSecretPaths(listed.paths);
  const listing = { ...listed, paths: secretPaths.kept };
  const query = buildCodeQuery(papers, papers.length > 1 ? 48 : 40);
  // Without a query (no paper, or one without usable words) the structural ranking and the paper-term scan decide.
  const terms = query.terms.length ? [] : [...new Set(papers.flatMap((p) => extractPaperTerms(p.title, p.abstract, papers.length > 1 ? 8 : 12)))].slice(0, 16);
  // The read and the search are one pass: each file is searched while its first bytes are in memory.
  const termRe = termsRegex(terms);
  const indexer = query.terms.length ? queryIndexer(query) : null;
  const read = await readRepoFiles(root, listing.paths, maxBytes, indexer ?? (termRe ? paperTermsVisitor(termRe) : undefined));
  const recent = await recentPromise;
  let ranked = rankFiles(read.files, { recent, paperTerms: terms });
  if (indexer) ranked = indexer.rank(read.files, ranked, recent);
  const omitted: ManifestFileOmitted[] = [...listing.omittedDirs, ...secretPaths.omitted, ...read.omitted];
  const redactions: ManifestRedaction[] = [];
  let used = REPO_BLOCK_OVERHEAD_TOKENS;

  const sel = input.editorSelection ? await includeSelection(root, input.editorSelection, toRepoPath) : null;
  if (sel && 'omit' in sel) {
    omitted.push(sel.omit);
    warnings.push(`editor selection in ${sel.omit.path} was not sent: ${sel.omit.detail ?? sel.omit.reason}`);
  } else if (sel) {
    used += sel.tokens;
    redactions.push(...sel.redactions);
  }
  const pinned = await includePinned(root, input.pinnedFiles ?? [], read.files, maxBytes, toRepoPath);
  warnings.push(...pinned.warnings);
  omitted.push(...pinned.omitted);
  redactions.push(...pinned.redactions);
  used += pinned.tokens;
  const pinnedPaths = new Set(pinned.selected.map((s) => s.sent.path));
  if (pinnedPaths.size) {
    ranked = ranked.filter((f) => !pinnedPaths.has(f.path));
    for (let i = omitted.length - 1; i >= 0; i--) if (pinnedPaths.has(omitted[i].path)) omitted.splice(i, 1);
  }
  if (used > budget) warnings.push(`pinned files and the editor selection use ${used} tokens, more than the ${budget}-token budget`);

  const scoreOf = new Map(ranked.map((f) => [f.path, f]));
  // A name the reader refused as unsafe (a newline or other control character, `..`, an absolute path: a crafted
  // index or a hostile file name) is not shown in the map either: a newline in a name would add lines to the prompt.
  const unsafeNames = new Set(read.omitted.filter((o) => o.reason === 'unsafe_path').map((o) => o.path));
  const mapPaths = unsafeNames.size ? listing.paths.filter((p) => !unsafeNames.has(p)) : listing.paths;
  const entries: MapEntry[] = mapPaths.map((path) => {
    const f = scoreOf.get(path);
    if (!f) return { path, score: pinnedPaths.has(path) ? 1000 : SKIPPED_SCORE };
    return hasSymbolSupport(path) ? { path, score: f.score, symbols: () => topLevelSymbols(path, readWhole(f, maxBytes)?.toString('utf8') ?? '') } : { path, score: f.score };
  });
  const mapBudget = Math.max(200, Math.min(Math.floor(budget * (input.mapShare ?? 0.25)), budget - used - 200));
  let map = renderRepoMap(entries, mapBudget);
  // With a query, the top-ranked files' classes and functions (with line numbers) follow the map, in their own small budget.
  let outline = query.terms.length
    ? renderOutline(ranked.slice(0, 40).map((f) => ({ path: f.path, text: () => readWhole(f, maxBytes)?.toString('utf8') ?? null })), Math.min(OUTLINE_MAX_TOKENS, Math.floor(budget * 0.05)))
    : NO_OUTLINE;
  // The map's symbol names and the outline's signatures are file content, shown even for a file left out: scanned like
  // it (a default argument `token="ghp_…"`, a constant named like a key), each secret redacted and listed.
  // Only the lines between a block's tags are scanned: a redaction never takes its closing tag (a private key's
  // opening line with no end, as in a default argument, is redacted to the end of what is scanned).
  // The system prompt and the task (the template's, naming the repository and the paper by its title: a brief's first
  // line) do not depend on the blocks: scanned in the same run, as they are sent.
  const paperRef = mode === 'pin' && papers[0] ? paperRefFor(papers[0]) : undefined;
  const template = input.template ?? DEFAULT_TEMPLATE;
  const head = assemblePrompt({ template, mode, repoName, repoText: '', paperRef, paperIds: papers.map((p) => p.id) });
  const [mapScan, outlineScan, systemScan, taskScan] = await scanAndRedactMany([{ path: 'repo-map.txt', text: innerLines(map.text) },
    { path: 'outline.txt', text: innerLines(outline.text) }, { path: 'system.txt', text: head.system }, { path: 'task.txt', text: head.task }]);
  if (mapScan.redactions.length) {
    redactions.push(...mapScan.redactions.map((r) => ({ path: '(repo map)', rule: r.rule, line: r.line + 1 })));
    const text = withInnerLines(map.text, mapScan.text);
    map = { ...map, text, tokens: countTokens(text) };
  }
  if (outlineScan.redactions.length) {
    const o = outline;
    redactions.push(...outlineScan.redactions.map((r) => ({ ...(outlineSource(o, r.line + 1) ?? { path: '(outline)', line: r.line + 1 }), rule: r.rule })));
    const text = withInnerLines(outline.text, outlineScan.text);
    outline = { ...outline, text, tokens: countTokens(text) };
  }
  used += map.tokens;
  if (outline.text) used += outline.tokens + 2;

  const fill = await fillBudget(ranked, budget - used, pinned.selected.length + 1, maxBytes, query.terms.length ? queryFill(query, budget) : {});
  omitted.push(...fill.omitted);
  redactions.push(...fill.redactions);
  const selected = [...pinned.selected, ...fill.selected];
  const repoText = renderRepoBlock(repoName, outline.text ? `${map.text}\n\n${outline.text}` : map.text, selected.map((s) => s.entry), sel && !('omit' in sel) ? sel.entry : undefined);
  // Every part was counted exactly (map, each file's content and wrapper, selection) plus per-part padding; the sum is
  // a slight over-estimate of counting the whole block at once, so it is what the budget and the totals use.
  const repoTokens = used + fill.usedTokens;
  let paperText: string | undefined;
  let paperTokens = 0;
  const manifestPapers: ManifestPaper[] = [];
  if (papers.length) {
    const paperBudget = input.paperBudgetTokens ?? DEFAULT_PAPER_BUDGET_TOKENS;
    const block = mode === 'selection' ? renderPaperPool(papers, paperBudget) : renderPaperBlock(papers[0], paperBudget);
    const scan = await scanAndRedact('paper.md', block.text);
    paperText = scan.text;
    paperTokens = countTokens(paperText);
    for (const r of scan.redactions) redactions.push({ path: `paper:${papers.length === 1 ? papers[0].id : 'pool'}`, rule: r.rule, line: r.line });
    for (const p of papers) {
      const own = block.omittedSections.filter((s) => mode === 'pin' || s.startsWith(`${p.id}: `)).map((s) => (mode === 'pin' ? s : s.slice(p.id.length + 2)));
      const mp: ManifestPaper = { id: p.id, title: p.title, source: p.source, hash: p.hash, tokens: mode === 'pin' ? paperTokens : 0, omittedSections: own };
      if (p.version) mp.version = p.version;
      manifestPapers.push(mp);
    }
    if (mode === 'selection') {
      const share = Math.round(paperTokens / papers.length);
      for (const mp of manifestPapers) mp.tokens = share;
    }
  }

  let prompt = assemblePrompt({ template, mode, repoName, repoText, paperText, paperRef, paperIds: papers.map((p) => p.id) });
  if (systemScan.redactions.length || taskScan.redactions.length) {
    prompt = { ...prompt, system: systemScan.text, task: taskScan.text, prefixHash: hashPromptPrefix(systemScan.text, prompt.blocks) };
    redactions.push(...systemScan.redactions.map((r) => ({ path: '(system prompt)', rule: r.rule, line: r.line })),
      ...taskScan.redactions.map((r) => ({ path: '(task)', rule: r.rule, line: r.line })));
  }
  const promptBytes = renderPromptAudit(prompt);
  const totalTokens = countTokens(prompt.system) + repoTokens + paperTokens + countTokens(prompt.task);
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const base: Omit<ContextManifest, 'manifestHash'> = {
    schema: 'pairwise-manifest/1', repoName, mode, budgetTokens: budget,
    files: selected.map((s) => s.sent),
    omitted: omitted.sort((a, b) => byPath(a, b) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)),
    redactions: redactions.sort((a, b) => byPath(a, b) || a.line - b.line || (a.rule < b.rule ? -1 : 1)),
    repoMap: { paths: map.paths, shownPaths: map.shownPaths, tokens: map.tokens, truncated: map.truncated, ...(outline.files ? { outlineFiles: outline.files, outlineTokens: outline.tokens } : {}) },
    papers: manifestPapers,
    totals: { files: selected.length, bytes: Buffer.byteLength(promptBytes), tokens: totalTokens },
    providerTokenEstimate: Object.fromEntries(PROVIDER_KIND_IDS.map((k) => [k, totalTokens])),
    promptTemplateVersion: prompt.templateVersion, prefixHash: prompt.prefixHash,
  };
  if (sel && !('omit' in sel)) base.selection = { path: sel.path, startLine: sel.startLine, endLine: sel.endLine, tokens: sel.tokens };
  const manifest: ContextManifest = { ...base, manifestHash: computeManifestHash(base) };
  return { ok: true, manifest, prompt, promptBytes, warnings };
}
