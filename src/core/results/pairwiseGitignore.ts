// The `.gitignore` Pairwise writes into a `.pairwise/` folder on first use, so its files stay out of Source Control.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Content of `.pairwise/.gitignore`: the whole folder (itself included) ignored; results.jsonl can be tracked with add -f. */
export const PAIRWISE_GITIGNORE = `# Written by Pairwise on first use: nothing in .pairwise/ (this file included) shows up in Source Control —
# drafts, patches and manifests (runs/), locks, caches, and results.jsonl with your verdicts, ratings and notes.
# To share results with your team, track results.jsonl once: git add -f .pairwise/results.jsonl
# (a tracked file is not affected by this ignore; it is append-only, and \`pairwise merge\` combines copies).
*
`;

const done = new Set<string>();

/**
 * Writes `.gitignore` into the results file's folder when that folder is `.pairwise` and has none (never
 * overwrites one, e.g. a team's own); custom result locations are left alone. Failures are ignored: a missing
 * .gitignore must never lose a record.
 */
export async function ensurePairwiseGitignore(resultsFile: string): Promise<void> {
  const dir = dirname(resultsFile);
  if (basename(dir) !== '.pairwise' || done.has(dir)) return;
  done.add(dir);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.gitignore'), PAIRWISE_GITIGNORE, { flag: 'wx' });
  } catch { /* exists already (kept as is) or not writable (the append reports that) */ }
}
