/** Scores candidate files: docs, manifests, entry points, paper terms and recent changes first. */
import { termsRegex } from './paperTerms';
import { readWhole, type RepoFile } from './readRepoFiles';

/** A candidate with its score and the human-readable reasons for it. */
export interface RankedFile extends RepoFile {
  score: number;
  reasons: string[];
}

/** Signals used for ranking. */
export interface RankSignals {
  /** Paths changed in recent commits, most recent first. */
  recent: string[];
  /** Terms from the pinned paper(s). */
  paperTerms: string[];
}

const MANIFESTS = new Set([
  'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'cargo.toml', 'go.mod', 'pom.xml',
  'build.gradle', 'build.gradle.kts', 'gemfile', 'composer.json', 'cmakelists.txt', 'makefile', 'meson.build',
  'environment.yml', 'pipfile', 'deno.json', 'tsconfig.json', 'mix.exs', 'project.clj', 'build.sbt', 'package.swift',
  'dockerfile', 'justfile',
]);
const ENTRY = /^(index|main|app|cli|server|__main__|lib|mod|program|entry)\.[a-z]+$/i;
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|py|rs|go|java|kt|swift|c|cc|cpp|h|hpp|cs|rb|php|scala|clj|ex|exs|hs|ml|lua|jl|r|m|zig|dart|vue|svelte)$/i;
const TEST = /(^|\/)(tests?|__tests__|spec|e2e|fixtures?)\/|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$/i;

/** Paths that the root package.json names as main/module/bin/exports. */
export function entryPointsFromPackageJson(text: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    const add = (v: unknown) => {
      if (typeof v === 'string') out.add(v.replace(/^\.\//, ''));
      else if (v && typeof v === 'object') for (const x of Object.values(v)) add(x);
    };
    add(pkg.main);
    add(pkg.module);
    add(pkg.bin);
    add(pkg.exports);
  } catch {
    // Not JSON: no declared entry points.
  }
  return out;
}

const SOURCE_ONLY: string[] = Object.freeze(['source']) as string[];
const OTHER_ONLY: string[] = Object.freeze(['other text']) as string[];

/** Scores and sorts files (highest first, ties by path) with reasons. */
export function rankFiles(files: RepoFile[], signals: RankSignals): RankedFile[] {
  const recentPos = new Map(signals.recent.map((p, i) => [p, i]));
  const re = termsRegex(signals.paperTerms);
  const rootPkg = files.find((f) => f.path === 'package.json');
  const pkgText = rootPkg ? readWhole(rootPkg, 1 << 20)?.toString('utf8') : undefined;
  const declared = entryPointsFromPackageJson(pkgText);
  const ranked: RankedFile[] = files.map((f) => {
    let reasons: string[] | null = null;
    const because = (r: string) => (reasons ??= []).push(r);
    let score = 0;
    const slash = f.path.lastIndexOf('/');
    const base = f.path.slice(slash + 1).toLowerCase();
    let depth = 0;
    for (let i = f.path.indexOf('/'); i >= 0; i = f.path.indexOf('/', i + 1)) depth++;
    if (/^readme(\.|$)/.test(base)) {
      score += depth === 0 ? 100 : 40;
      because(depth === 0 ? 'readme' : 'nested readme');
    } else if (/^(contributing|architecture|design|overview|hacking|development)(\.|$)/.test(base) || (/(^|\/)docs?\//i.test(f.path) && /\.(md|mdx|rst|txt|adoc)$/.test(base))) {
      score += depth === 0 ? 50 : 30;
      because('docs');
    }
    if (MANIFESTS.has(base)) {
      score += depth === 0 ? 90 : 25;
      because(depth === 0 ? 'manifest' : 'nested manifest');
    }
    const source = SOURCE.test(base);
    if (declared.has(f.path) || (ENTRY.test(base) && depth <= 2 && source)) {
      score += declared.has(f.path) ? 70 : 50 - depth * 10;
      because('entry point');
    }
    const rp = recentPos.get(f.path);
    if (rp !== undefined) {
      score += Math.max(15, 45 - rp);
      because('recently changed');
    }
    if (re) {
      const lowerPath = f.path.toLowerCase();
      const inName = signals.paperTerms.filter((t) => lowerPath.includes(t));
      if (inName.length) {
        score += Math.min(60, 30 * inName.length);
        because(`paper terms in path: ${inName.join(', ')}`);
      }
      const found = f.terms ?? [];
      const inText = found.filter((t) => !inName.includes(t));
      if (inText.length) {
        score += Math.min(48, 8 * inText.length);
        because(`paper terms: ${inText.join(', ')}`);
      }
    }
    if (source) score += 5;
    if (TEST.test(f.path)) score -= 10;
    score -= Math.min(15, depth * 3);
    score -= Math.min(20, Math.floor(f.size / 8000));
    // Most files have no reason of their own: they share one read-only list (one object less per file).
    const r: string[] = reasons ?? (source ? SOURCE_ONLY : OTHER_ONLY);
    // Built field by field (not spread): one object shape for every ranked file.
    const out: RankedFile = { path: f.path, size: f.size, absPath: f.absPath, score, reasons: r };
    if (f.ino !== undefined) {
      out.dev = f.dev;
      out.ino = f.ino;
    }
    if (f.terms !== undefined) out.terms = f.terms;
    return out;
  });
  return ranked.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
