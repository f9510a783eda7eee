/** Keyboard shortcuts of the compare view as a pure mapping from a key event's shape to an action. */

/** The parts of a KeyboardEvent the mapping needs. */
export interface KeyInput { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; targetTag: string; targetEditable: boolean; targetType?: string }
/** What a key press does. */
export type KeyAction = { type: 'verdict'; index: 0 | 1 | 2 | 3 } | { type: 'save' } | null;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', '']);

/** Whether the focus is in a place where typing digits means text. */
export function isTypingTarget(k: Pick<KeyInput, 'targetTag' | 'targetEditable' | 'targetType'>): boolean {
  const tag = k.targetTag.toUpperCase();
  if (k.targetEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_INPUT_TYPES.has((k.targetType ?? '').toLowerCase());
}

/** Keys 1–4 pick a verdict (not while typing); Ctrl/Cmd+Enter saves from anywhere. */
export function keyToAction(k: KeyInput): KeyAction {
  if (k.key === 'Enter' && (k.ctrlKey || k.metaKey) && !k.altKey) return { type: 'save' };
  if (k.ctrlKey || k.metaKey || k.altKey || isTypingTarget(k)) return null;
  const i = ['1', '2', '3', '4'].indexOf(k.key);
  return i < 0 ? null : { type: 'verdict', index: i as 0 | 1 | 2 | 3 };
}
