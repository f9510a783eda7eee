/**
 * The one way Pairwise shows a notification or message dialog: the message and a modal's detail go through
 * plainUiText, so a provider's error body, a paper title or a repository path cannot become a live link or a
 * `command:` URI in VS Code's own UI. Lint forbids calling vscode.window.show*Message anywhere else.
 */
import * as vscode from 'vscode';
import { plainUiText } from '../shared/outsideText';

type Kind = 'info' | 'warning' | 'error';
type Rest<T extends string> = [] | [vscode.MessageOptions, ...T[]] | T[];

/** A message as VS Code received it. */
export interface ShownMessage { kind: Kind; message: string; detail?: string }
const SHOWN_LIMIT = 20;
// On globalThis: extension.js and extensionImpl.js are separate bundles, each with its own copy of this module.
const SHOWN = Symbol.for('pairwise.shownMessages');
const shown: ShownMessage[] = ((globalThis as { [SHOWN]?: ShownMessage[] })[SHOWN] ??= []);

/** The last messages shown, newest last, as VS Code received them (integration tests). */
export function shownMessages(): readonly ShownMessage[] { return shown; }

function show<T extends string>(kind: Kind, message: string, rest: Rest<T>): Thenable<T | undefined> {
  const text = plainUiText(message);
  const [first, ...others] = rest as unknown[];
  const hasOptions = typeof first === 'object' && first !== null;
  const options = hasOptions ? { ...(first as vscode.MessageOptions) } : undefined;
  if (options?.detail !== undefined) options.detail = plainUiText(options.detail);
  const items = (hasOptions ? others : rest) as T[];
  shown.push({ kind, message: text, ...(options?.detail !== undefined ? { detail: options.detail } : {}) });
  if (shown.length > SHOWN_LIMIT) shown.shift();
  const fn = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  return options ? fn<T>(text, options, ...items) : fn<T>(text, ...items);
}

/** showInformationMessage with outside text neutralized. */
export function showInfo<T extends string>(message: string, ...rest: Rest<T>): Thenable<T | undefined> { return show('info', message, rest); }
/** showWarningMessage with outside text neutralized. */
export function showWarning<T extends string>(message: string, ...rest: Rest<T>): Thenable<T | undefined> { return show('warning', message, rest); }
/** showErrorMessage with outside text neutralized. */
export function showError<T extends string>(message: string, ...rest: Rest<T>): Thenable<T | undefined> { return show('error', message, rest); }

/** A quick pick item whose label, description and detail (outside text) are shown literally. */
export function plainItem<I extends vscode.QuickPickItem>(item: I): I {
  return { ...item, label: plainUiText(item.label), ...(item.description !== undefined ? { description: plainUiText(item.description) } : {}),
    ...(item.detail !== undefined ? { detail: plainUiText(item.detail) } : {}) };
}

/** Outside text for a status bar item, progress message or panel title. */
export { plainUiText as uiText } from '../shared/outsideText';
