/** The levels Pairwise logs at, with every message made safe to show (no vscode import: unit-tested). */
import { escapeNameChars } from '../core/context/nameChars';

/** The log levels Pairwise writes. */
export interface PairwiseLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A log whose messages show controls, line separators and bidi characters as `\uXXXX`: a file, paper or model name
 * quoted in a message cannot add a forged line (`…\n[error] …`) or reorder what a person reads.
 */
export function safeLog(channel: PairwiseLog): PairwiseLog {
  return {
    info: (m) => channel.info(escapeNameChars(m)),
    warn: (m) => channel.warn(escapeNameChars(m)),
    error: (m) => channel.error(escapeNameChars(m)),
  };
}
