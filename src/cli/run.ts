/** CLI version string, kept in step with package.json by the build. */
export const VERSION = '0.1.0';

const HELP = `pairwise ${VERSION} — compare two LLMs' drafts on a repo + paper

Usage: pairwise <command> [options]

Commands:
  help            show this help
  version         print the version

Exit codes: 0 ok, 1 failure, 2 usage error.
`;

/** Runs the CLI with argv (without node and script); resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') { process.stdout.write(HELP); return 0; }
  if (cmd === 'version' || cmd === '--version') { process.stdout.write(`${VERSION}\n`); return 0; }
  process.stderr.write(`pairwise: unknown command '${cmd}'. Run 'pairwise help'.\n`);
  return 2;
}
