import type { FieldIssue } from '../../functions/domain/errors.ts';
import { anchorFor } from './field-paths.ts';
import { byId, h } from '../shared/dom.ts';

/**
 * Errors shown next to their field (linked by aria-describedby, flagged by aria-invalid) and in
 * the error summary at the top of a form.
 */
export function setFieldError(id: string, message: string | null): void {
  const control = byId(id);
  const error = byId(`${id}-error`);
  if (!control || !error) return;
  error.hidden = !message;
  error.replaceChildren(...(message ? [h('span', { class: 'visually-hidden' }, 'Erreur\u00a0: '), message] : []));
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  const describedBy = [message ? error.id : '', control.dataset.describedby ?? ''].filter(Boolean).join(' ');
  if (describedBy) control.setAttribute('aria-describedby', describedBy);
  else control.removeAttribute('aria-describedby');
  control.closest('.field')?.classList.toggle('field--error', Boolean(message));
}

/** Id of the element an issue about this path is shown next to (`initiative.axis` → its fieldset). */
export const controlId = (path: string) => path.replace('.', '-');

export function firstAxisId(): string {
  return document.querySelector<HTMLInputElement>('input[name="initiative.axis"]')?.value ?? '';
}

/** An issue's text, as a link to its field when the page has one. */
export function issueLink(
  issue: FieldIssue,
  text = issue.message,
  anchor = anchorFor(issue.field, firstAxisId()),
): HTMLAnchorElement | string {
  return anchor && byId(anchor) ? h('a', { href: `#${anchor}` }, text) : text;
}

/** A list item for an issue, linking to its field when the page has one. */
export const issueItem = (issue: FieldIssue, anchor?: string | null) =>
  h('li', {}, issueLink(issue, issue.message, anchor));

export function showSummary(
  summary: HTMLElement,
  issues: FieldIssue[],
  anchor?: (field: string) => string | null,
): void {
  summary
    .querySelector('ul')!
    .replaceChildren(...issues.map((issue) => issueItem(issue, anchor ? anchor(issue.field) : undefined)));
  const title = summary.querySelector('h3');
  if (title) title.textContent = issues.length > 1 ? `${issues.length} points à corriger` : 'Un point à corriger';
  summary.hidden = issues.length === 0;
}
