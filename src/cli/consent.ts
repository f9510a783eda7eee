// The consent rule before anything is sent: --yes, else ask on a terminal, else refuse (exit 3).
import type { CliIo } from './io';

/** True when the user agreed to send: `--yes`, or "y"/"yes" typed at a terminal. Non-terminals without --yes refuse. */
export async function confirmSend(io: CliIo, yes: boolean, question: string, command: string): Promise<boolean> {
  if (yes) return true;
  if (!io.isTTY || !io.ask) {
    io.stderr.write(`pairwise ${command}: not sending without consent: stdin is not a terminal, so pass --yes to confirm.\n`);
    return false;
  }
  const answer = await io.ask(`${question} [y/N] `);
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  io.stderr.write(`pairwise ${command}: nothing was sent.\n`);
  return false;
}
