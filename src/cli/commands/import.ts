// `pairwise import --format arena FILE`: bring LMArena-style battles in as imported comparisons.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { importArenaFile } from '../../core/export/arenaStream';
import { ResultsStore } from '../../core/results';
import { flag, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { writeJson } from '../io';
import { resultsFileFor } from '../resultsInput';

/** The import command. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import LMArena-style battles (JSONL or CSV) into a results file',
  help: `Usage: pairwise import --format arena FILE [--results FILE] [--preset NAME] [--json]

Reads battles {model_a, model_b, winner, tstamp?, question_id?, judge?} as JSONL (or CSV when FILE ends
in .csv) and appends them as comparisons marked imported. Importing the same file twice adds nothing.
  --results FILE   results file to append to (default ./.pairwise/results.jsonl)
  --preset NAME    preset for model names without one (default "arena")
`,
  options: { format: { type: 'string' }, results: { type: 'string' }, preset: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run(args, io) {
    if (str(args, 'format') !== 'arena') return usageError(io, 'import', '--format arena is required (the only import format).');
    if (args.positionals.length !== 1) return usageError(io, 'import', 'name exactly one file of battles to import.');
    const src = isAbsolute(args.positionals[0]) ? args.positionals[0] : resolve(io.cwd, args.positionals[0]);
    try { await access(src, constants.R_OK); } catch (e) { return failure(io, 'import', `Could not read ${src}: ${(e as Error).message}`); }
    const store = new ResultsStore(resultsFileFor(io, str(args, 'results')));
    const preset = str(args, 'preset');
    // Streams the battles and appends them in batches: memory stays flat however large the file is.
    let res: Awaited<ReturnType<typeof importArenaFile>>;
    try { res = await importArenaFile(src, store, preset ? { preset } : {}); } catch (e) { return failure(io, 'import', `Could not import ${src}: ${(e as Error).message}`); }
    if (res.error) return failure(io, 'import', `${res.error} (${res.imported} battles were imported before this; run the same import again to add the rest)`);
    for (const p of res.problems.slice(0, 10)) io.stderr.write(`pairwise import: ${src}:${p.line}: ${p.message}\n`);
    const summary = { file: store.file, imported: res.imported, alreadyPresent: res.alreadyPresent, problems: res.problemCount };
    if (flag(args, 'json')) writeJson(io.stdout, summary);
    else io.stdout.write(`imported ${res.imported} battles into ${store.file} (${summary.alreadyPresent} already present, ${summary.problems} rows skipped)\n`);
    return EXIT.ok;
  },
};
