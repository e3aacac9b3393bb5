import { contactSchema } from '../../functions/domain/application-fields.ts';
import { api } from './api.ts';
import { byId, exclusive, focusElement } from '../shared/dom.ts';
import { setFieldError } from './field-errors.ts';

/** « Vous avez déjà commencé un dossier ? »: the private links are sent again to that address. */
export function setupResumeLinks(): void {
  const form = byId<HTMLFormElement>('resume-form');
  const email = byId<HTMLInputElement>('resume-email');
  const message = byId('resume-message');
  const submit = exclusive(form.querySelector('button')!, async () => {
    message.textContent = '';
    const parsed = contactSchema.shape.email.safeParse(email.value.trim());
    setFieldError('resume-email', parsed.success ? null : parsed.error.issues[0]!.message);
    if (!parsed.success) return focusElement(email);
    try {
      await api('POST', '/api/resume-links', { email: parsed.data });
      message.textContent = `C'est fait. Si des dossiers sont liés à ${parsed.data}, un courriel avec leurs liens va arriver dans quelques minutes (pensez à regarder dans les indésirables).`;
    } catch (error) {
      message.textContent = (error as Error).message;
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });
}
