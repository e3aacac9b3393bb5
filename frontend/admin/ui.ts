import { errorText } from './api.ts';
import { exclusive, h, notice } from '../shared/dom.ts';

/**
 * Small building blocks of the console's screens. Every piece of data goes in through text nodes
 * or attributes (never innerHTML): names and texts typed by applicants cannot inject markup.
 */
export { byId, exclusive, focusElement, h, notice, onClick } from '../shared/dom.ts';

let fieldSeq = 0;
/** A unique id for a label/control pair. */
export const uid = (prefix: string) => `${prefix}-${++fieldSeq}`;

/**
 * Runs `action` when `form` is submitted, once at a time (`button` shows it is busy: a double click
 * sends once). An error it throws is shown in `message` in the API's French words, its field messages
 * included (`errorText`), unless `failed` says otherwise.
 */
export function onSubmit(
  form: HTMLFormElement,
  button: HTMLElement,
  message: HTMLElement,
  action: () => Promise<unknown>,
  failed = (error: unknown) => message.replaceChildren(notice('error', errorText(error))),
): void {
  const submit = exclusive(button, async () => {
    try {
      await action();
    } catch (error) {
      failed(error);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
}

export function badge(text: string, tone: string): HTMLElement {
  return h('span', { class: `badge badge--${tone}` }, text);
}

/** A definition list from label/value pairs; empty values show « non renseigné ». */
export function definitions(pairs: [string, string | Node | undefined | null][]): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    dl.append(
      h('dt', {}, label),
      h(
        'dd',
        {},
        value === undefined || value === null || value === '' ? h('span', { class: 'muted' }, 'non renseigné') : value,
      ),
    );
  }
  return dl;
}

/** Text kept with its line breaks (CSS `white-space: pre-line`), e.g. a description. */
export const prose = (text: string) => h('p', { class: 'prose' }, text);

export interface FieldOptions {
  label: string;
  name: string;
  value?: string;
  hint?: string;
  type?: string;
  rows?: number;
  required?: boolean;
  attrs?: Record<string, string>;
}

/** A labelled input or textarea with its hint and an error slot, tied together by ids. */
export function field(options: FieldOptions): {
  wrapper: HTMLElement;
  control: HTMLInputElement | HTMLTextAreaElement;
} {
  const id = uid(options.name);
  const describedBy = [options.hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  const attrs: Record<string, string> = { id, name: options.name, 'aria-describedby': describedBy, ...options.attrs };
  if (options.required) attrs.required = '';
  const control = options.rows
    ? h('textarea', { ...attrs, rows: String(options.rows) })
    : h('input', { ...attrs, type: options.type ?? 'text' });
  control.value = options.value ?? '';
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, options.label),
    options.hint ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: '' }),
    control,
  );
  return { wrapper, control };
}

/** Shows (or clears) the error of a field built by `field`. */
export function setFieldError(control: HTMLElement, message?: string): void {
  const slot = document.getElementById(`${control.id}-error`);
  const wrapper = control.closest('.field, fieldset');
  if (slot) {
    slot.textContent = message ?? '';
    slot.hidden = !message;
  }
  wrapper?.classList.toggle('field--error', Boolean(message));
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

export interface Option {
  value: string;
  label: string;
}

export function select(
  label: string,
  name: string,
  options: Option[],
  value = '',
): { wrapper: HTMLElement; control: HTMLSelectElement } {
  const id = uid(name);
  const control = h('select', { id, name }, ...options.map((o) => h('option', { value: o.value }, o.label)));
  control.value = value;
  return { wrapper: h('div', { class: 'field' }, h('label', { for: id }, label), control), control };
}

/** Radio buttons in a fieldset with its legend. */
export function radios(legend: string, name: string, options: Option[], value?: string): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, legend),
    ...options.map((o) => {
      const id = uid(name);
      const input = h('input', { type: 'radio', id, name, value: o.value });
      input.checked = o.value === value;
      return h('div', { class: 'choice' }, input, h('label', { for: id }, o.label));
    }),
  );
}

/** A table in a focusable, labelled scroll region (narrow screens scroll it sideways). */
export function table(
  caption: string,
  headers: string[],
  rows: (string | Node)[][],
  options: { numbers?: boolean; hiddenCaption?: boolean } = {},
): HTMLElement {
  const t = h(
    'table',
    options.numbers ? { class: 'numbers' } : {},
    h('caption', options.hiddenCaption ? { class: 'visually-hidden' } : {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, ...cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))),
      ),
    ),
  );
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
}

/** A part of a screen under its h2 (`id` ties them). */
export const section = (id: string, title: string, ...children: (Node | string | null)[]) =>
  h('section', { 'aria-labelledby': id, class: 'detail-section' }, h('h2', { id }, title), ...children);

/** The link to a file the API wrote (an export, a ZIP of photos), with how long it works. */
export function downloadNotice(file: { url: string; name: string; expiresIn: number }): HTMLElement {
  return notice(
    'success',
    h(
      'p',
      {},
      h('a', { href: file.url, download: file.name }, `Télécharger ${file.name}`),
      ` (lien valable ${Math.round(file.expiresIn / 60)} minutes)`,
    ),
  );
}

/** The page's heading: the title of the document follows it; it takes the focus after navigation. */
export function pageTitle(text: string, kicker?: string): HTMLElement[] {
  document.title = `${text} – Console – Nos territoires ont de l’avenir`;
  return [...(kicker ? [h('p', { class: 'kicker' }, kicker)] : []), h('h1', { tabindex: '-1' }, text)];
}
