import * as vscode from 'vscode';
import { personRaterName } from '../core/results/schema';

/** The user's Pairwise settings, read fresh each time (they can change while VS Code runs). */
export interface PairwiseSettings {
  sideA: string;
  sideB: string;
  providers: Record<string, unknown>;
  contextBudgetTokens: number;
  blind: boolean;
  resultsLocation: 'workspace' | 'global' | 'custom';
  resultsPath: string;
  rater: string;
  testCommand: string;
  pricing: Record<string, unknown>;
  /** Rubric names; empty means the protocol's default rubric. */
  rubric: string[];
  warmRepeat: boolean;
  maxOutputTokens: number;
  idleTimeoutSeconds: number;
  maxRetries: number;
  /** Output cap per side in bytes (pairwise.maxOutputBytes). */
  maxOutputBytes: number;
  /** Overall deadline per side in seconds (pairwise.sideDeadlineSeconds). */
  sideDeadlineSeconds: number;
  pinnedFiles: string[];
  promptTemplate: string;
  /** The LLM judge as `preset:model` (pairwise.judge.model); empty: none chosen. */
  judgeModel: string;
}

/** Reads the `pairwise.*` configuration. */
export function readSettings(): PairwiseSettings {
  const c = vscode.workspace.getConfiguration('pairwise');
  return {
    sideA: c.get<string>('sideA', ''),
    sideB: c.get<string>('sideB', ''),
    providers: c.get<Record<string, unknown>>('providers', {}),
    contextBudgetTokens: c.get<number>('contextBudgetTokens', 60000),
    blind: c.get<boolean>('blind', true),
    resultsLocation: c.get<'workspace' | 'global' | 'custom'>('resultsLocation', 'workspace'),
    resultsPath: c.get<string>('resultsPath', ''),
    rater: personRaterName(c.get<string>('rater', '')),
    testCommand: c.get<string>('checks.testCommand', ''),
    pricing: c.get<Record<string, unknown>>('pricing', {}),
    rubric: c.get<string[]>('rubric', []),
    warmRepeat: c.get<boolean>('warmRepeat', false),
    maxOutputTokens: c.get<number>('maxOutputTokens', 8192),
    idleTimeoutSeconds: c.get<number>('idleTimeoutSeconds', 60),
    maxRetries: c.get<number>('maxRetries', 3),
    maxOutputBytes: c.get<number>('maxOutputBytes', 16 * 1024 * 1024),
    sideDeadlineSeconds: c.get<number>('sideDeadlineSeconds', 900),
    pinnedFiles: c.get<string[]>('pinnedFiles', []),
    promptTemplate: c.get<string>('promptTemplate', ''),
    judgeModel: c.get<string>('judge.model', ''),
  };
}

/** The per-side bounds of a run (output cap, overall deadline) as RunOptions fields. */
export function sideLimits(s: Pick<PairwiseSettings, 'maxOutputBytes' | 'sideDeadlineSeconds'>): { maxOutputBytes: number; sideDeadlineMs: number } {
  return { maxOutputBytes: s.maxOutputBytes, sideDeadlineMs: s.sideDeadlineSeconds * 1000 };
}

/** The first workspace folder, or undefined when no folder is open. */
export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
