// `pairwise merge`: combine results files (e.g. batch shards) into one, every record once (by id).
import { isAbsolute, resolve } from 'node:path';
import { mergeResultFiles } from '../../core/export';
import { flag, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { terminalSafe, writeJson } from '../io';
import { missingInput } from '../resultsInput';

/** The merge command. */
export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'merge results files (e.g. from batch shards) into one, deduplicated by record id',
  help: `Usage: pairwise merge FILES... -o OUT [--json]

Appends to OUT every record of FILES whose id is not in OUT yet (OUT may already exist; nothing is
rewritten) and copies the saved drafts (runs/<id>/) next to OUT. Same id with different content is
reported as a conflict (the first file's copy is kept).
  -o, --out OUT   the merged results file (required)
  --json          print {files, records, appended, duplicates, conflicts, problems} as JSON
`,
  options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
  positionals: true,
  async run(args, io) {
    const out = str(args, 'out');
    if (!out) return usageError(io, 'merge', '-o OUT is required.');
    if (args.positionals.length === 0) return usageError(io, 'merge', 'name at least one results file to merge.');
    const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const into = abs(out);
    const files = args.positionals.map(abs).filter((f) => f !== into);
    for (const f of files) {
      const missing = await missingInput(f);
      if (missing) return failure(io, 'merge', `${missing.replace(/ — run .*$/, '.')} Nothing was merged.`);
    }
    let res;
    try {
      res = await mergeResultFiles(files, { into });
    } catch (e) {
      return failure(io, 'merge', `Could not merge into ${into}: ${(e as Error).message}`);
    }
    for (const p of res.problems.slice(0, 5)) io.stderr.write(`pairwise merge: ${p.file}:${p.line}: skipped ${p.kind} line: ${terminalSafe(p.message)}\n`);
    for (const b of res.blobDirsSkipped.slice(0, 5)) io.stderr.write(`pairwise merge: did not copy the run folder of record ${JSON.stringify(b.id)}: ${terminalSafe(b.reason)}\n`);
    for (const c of res.conflicts.slice(0, 5)) io.stderr.write(`pairwise merge: record ${terminalSafe(c.id)} differs between ${c.keptFrom} and ${c.droppedFrom}; kept the first\n`);
    const summary = { out: into, files: files.length, records: res.records.length, appended: res.appended, duplicates: res.duplicates,
      conflicts: res.conflicts.length, problems: res.problems.length, blobDirsCopied: res.blobDirsCopied, blobDirsSkipped: res.blobDirsSkipped.length };
    if (flag(args, 'json')) writeJson(io.stdout, summary);
    else io.stdout.write(`merged ${files.length} files: ${res.records.length} unique records, ${res.appended} appended to ${into}, ${res.duplicates} duplicates, ${res.conflicts.length} conflicts\n`);
    return EXIT.ok;
  },
};
