/**
 * The task pane's whole rendering layer: elements built from data with textContent only. Nothing here ever
 * assigns innerHTML, so text that came from a cell (`<img onerror=…>`, `=HYPERLINK(…)`) can only show as text.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /** data-* attributes and aria-*; values are set with setAttribute, never parsed as markup. */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
  /** Plain properties such as value, type, checked, disabled. */
  props?: Record<string, unknown>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props?.class) el.className = props.class;
  if (props?.id) el.id = props.id;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props?.props ?? {})) (el as unknown as Record<string, unknown>)[name] = value;
  for (const [event, handler] of Object.entries(props?.on ?? {})) el.addEventListener(event, handler as EventListener);
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A fresh id to tie a label, its input and its error message together. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}
