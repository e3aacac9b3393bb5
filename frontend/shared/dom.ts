/**
 * Small DOM helpers of the four browser apps: no framework, nothing inline (the CSP forbids inline
 * scripts and styles).
 */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type Child = Node | string | null | undefined | false;
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Brings an element into view and gives it focus (headings and summaries get tabindex=-1). */
export function focusElement(el: HTMLElement | null, block: ScrollLogicalPosition = 'center'): void {
  if (!el) return;
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block, behavior: reducedMotion() ? 'auto' : 'smooth' });
  el.focus({ preventScroll: true });
}

/**
 * Runs an action from a button at most once at a time: a double click or a second Enter while the
 * request is in flight does nothing. aria-disabled (not `disabled`) keeps the focus on the button.
 */
export function exclusive(button: HTMLElement, action: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    button.classList.add('is-busy');
    try {
      await action();
    } finally {
      button.removeAttribute('aria-disabled');
      button.classList.remove('is-busy');
    }
  };
}

/**
 * Runs `action` on each click of `button`, through `exclusive`. The listener returns nothing: the
 * action shows its own errors.
 */
export function onClick(button: HTMLElement, action: () => Promise<unknown>): void {
  const run = exclusive(button, action);
  button.addEventListener('click', () => void run());
}

/** Runs `action` (through `exclusive`, on its submit button) when `form` is submitted, instead of sending it. */
export function onSubmit(form: HTMLElement, action: () => Promise<unknown>): void {
  const run = exclusive(form.querySelector('[type="submit"]')!, action);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
}

/** A message box (styles.css `.notice`); an error is announced at once (role=alert). */
export function notice(kind: 'info' | 'success' | 'error' | 'important', ...children: (Node | string)[]): HTMLElement {
  const el = h('div', { class: kind === 'info' ? 'notice' : `notice notice--${kind}` }, ...children);
  if (kind === 'error') el.setAttribute('role', 'alert');
  return el;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
