/** Every command the extension contributes (package.json `contributes.commands`). */
export const COMMAND_IDS = [
  'pairwise.compare',
  'pairwise.pinPaper',
  'pairwise.previewContext',
  'pairwise.chooseModels',
  'pairwise.setApiKey',
  'pairwise.testConnection',
  'pairwise.showDashboard',
  'pairwise.export',
  'pairwise.openResults',
  'pairwise.openSample',
  'pairwise.judgePending',
  'pairwise.askJudge',
] as const;

/** One contributed command id. */
export type CommandId = (typeof COMMAND_IDS)[number];
