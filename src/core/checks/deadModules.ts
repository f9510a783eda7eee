// Integration check: a new module that no other file (in the patch or the repo) names is probably
// never imported or called — code that looks like a feature but is not wired in.
import type { ParsedPatch } from './patchParse';
import { containsWord, findWords } from './symbolSearch';
import type { DeadModule } from './types';

const MODULE_EXT = /\.(py|ts|tsx|js|jsx|mjs|cjs|mts|cts|vue|svelte|rs|rb|php|java|kt|scala|cs|swift|c|cc|cpp|h|hpp|lua)$/i;
const ENTRY_STEMS = new Set(['__init__', '__main__', 'index', 'main', 'setup', 'conftest', 'manage', 'mod', 'lib', 'build',
  'app', 'cli', 'wsgi', 'asgi', 'settings', 'globals', 'env', 'types']);
const STANDALONE_DIRS = /(^|\/)(tests?|__tests__|spec|specs|scripts|bin|examples?|tools|benchmarks?|bench|notebooks|docs|migrations|e2e|fixtures)\//i;
const TEST_NAME = /(^test_|_test$|\.test$|\.spec$|^test$|Test$|Tests$|_spec$)/;

/** A new module of the patch and the names under which other code would refer to it. */
export interface ModuleCandidate {
  path: string;
  names: string[];
}

function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.d\.ts$/, '').replace(/\.[^.]+$/, '');
}

/** New code files of the patch that something else should import (tests, entry points and scripts excluded). */
export function moduleCandidates(patch: ParsedPatch): ModuleCandidate[] {
  const out: ModuleCandidate[] = [];
  for (const f of patch.files) {
    if (f.status !== 'added' || !f.newPath || !MODULE_EXT.test(f.newPath) || /\.d\.ts$/.test(f.newPath)) continue;
    if (STANDALONE_DIRS.test(f.newPath) || /\.config\.[^.]+$/.test(f.newPath)) continue;
    const stem = stemOf(f.newPath);
    if (!stem || ENTRY_STEMS.has(stem) || TEST_NAME.test(stem)) continue;
    const names = [stem];
    if (/\.py$/.test(f.newPath)) names.push(f.newPath.replace(/\.py$/, '').replace(/\//g, '.'));
    out.push({ path: f.newPath, names });
  }
  return out;
}

/**
 * Returns the new modules whose basename stem appears (as a whole word) in no other file of the patch
 * and nowhere in the repo at the commit. One git grep for all candidates.
 */
export async function findDeadModules(repoRoot: string, commit: string, patch: ParsedPatch, signal?: AbortSignal):
  Promise<{ ok: true; dead: DeadModule[] } | { ok: false; error: string }> {
  const cands = moduleCandidates(patch);
  if (cands.length === 0) return { ok: true, dead: [] };
  const otherText = (path: string): string => patch.files.filter((f) => f.newPath !== path)
    .map((f) => f.addedLines.map((l) => l.text).join('\n')).join('\n');
  const unreferencedInPatch = cands.filter((c) => !containsWord(otherText(c.path), c.names[0]));
  if (unreferencedInPatch.length === 0) return { ok: true, dead: [] };
  const r = await findWords(repoRoot, commit, unreferencedInPatch.map((c) => c.names[0]), signal);
  if (!r.ok) return r;
  const dead = unreferencedInPatch.filter((c) => !r.hits.has(c.names[0])).map((c) => ({ path: c.path, searched: c.names }));
  return { ok: true, dead };
}
