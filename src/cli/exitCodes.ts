// The CLI's documented exit codes (docs/cli.md). Every command returns one of these.

/** Exit codes of `pairwise`: ok, runtime failure, usage/config error, refused, partial batch, interrupted. */
export const EXIT = Object.freeze({
  ok: 0,
  failure: 1,
  usage: 2,
  refused: 3,
  partial: 4,
  interrupted: 130,
});

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
