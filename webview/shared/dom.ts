/** Tiny DOM builder for webviews: untrusted strings only ever go through textContent or attributes. */

/** Element options: classes, attributes, text, and event listeners. */
export interface ElOptions {
  class?: string; text?: string; title?: string; attrs?: Record<string, string | null | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (e: HTMLElementEventMap[K]) => void }>;
}

/** Creates an element; string children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: ElOptions = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.class) e.className = opts.class;
  if (opts.title) e.title = opts.title;
  if (opts.text !== undefined) e.textContent = opts.text;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const [type, fn] of Object.entries(opts.on ?? {})) e.addEventListener(type, fn as EventListener);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** A codicon span (decorative). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with a codicon and a label. */
export function button(label: string, iconName: string | null, opts: ElOptions & { primary?: boolean } = {}): HTMLButtonElement {
  const b = el('button', { ...opts, class: `pw-button${opts.primary ? ' pw-primary' : ''}${opts.class ? ` ${opts.class}` : ''}`, attrs: { type: 'button', ...opts.attrs } },
    iconName ? icon(iconName) : null, el('span', { text: label }));
  return b;
}

/** Sets text only when it changed (keeps selection and avoids layout work). */
export function setText(node: Node, text: string): void { if (node.textContent !== text) node.textContent = text; }
