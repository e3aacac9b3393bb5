import { contactSchema } from '../../functions/domain/application-fields.ts';
import { api } from './api.ts';
import { byId, focusElement, onSubmit } from '../shared/dom.ts';
import { setFieldError } from './field-errors.ts';

/** « Vous avez déjà commencé un dossier ? »: the private links are sent again to that address. */
export function setupResumeLinks(): void {
  const form = byId<HTMLFormElement>('resume-form');
  const email = byId<HTMLInputElement>('resume-email');
  const sent = byId('resume-sent');
  const error = byId('resume-error');
  onSubmit(form, async () => {
    sent.hidden = true;
    error.textContent = '';
    const parsed = contactSchema.shape.email.safeParse(email.value.trim());
    setFieldError('resume-email', parsed.success ? null : parsed.error.issues[0]!.message);
    if (!parsed.success) return focusElement(email);
    try {
      await api('POST', '/api/resume-links', { email: parsed.data });
      byId('resume-sent-email').textContent = parsed.data;
      sent.hidden = false;
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
}
