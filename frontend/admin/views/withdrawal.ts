import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { go } from '../nav.ts';
import { h, notice, onSubmit } from '../ui.ts';

/**
 * « Retirer du site » (POST /api/admin/applications/:id/withdraw) for an initiative whose article is
 * approved: at the enterprise's request, its page gives way to a short « retirée » page at the next
 * publication (at once when the site is online); it leaves the vote, the compilation and the newsletter.
 */
export function withdrawalSection(applicationId: string, withdrawnAt: string | null): HTMLElement {
  const section = (...children: (Node | string)[]) =>
    h(
      'section',
      { 'aria-labelledby': 'retrait', class: 'detail-section' },
      h('h2', { id: 'retrait' }, 'Retrait du site'),
      ...children,
    );
  if (withdrawnAt)
    return section(
      notice('info', `Initiative retirée du site le ${formatDateTime(withdrawnAt)}, à la demande de l’entreprise.`),
    );
  const confirm = h('input', { type: 'checkbox', id: 'retrait-confirme', name: 'confirm' });
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button button--danger' }, 'Retirer du site');
  const form = h(
    'form',
    { novalidate: '' },
    h(
      'div',
      { class: 'choice' },
      confirm,
      h('label', { for: 'retrait-confirme' }, 'L’entreprise a demandé que son initiative ne soit plus publiée'),
    ),
    message,
    h('div', { class: 'actions' }, button),
  );
  onSubmit(form, button, message, async () => {
    if (!confirm.checked)
      return void message.replaceChildren(notice('error', 'Cochez la case pour confirmer la demande de l’entreprise.'));
    await api('POST', `/api/admin/applications/${encodeURIComponent(applicationId)}/withdraw`);
    go(location.hash);
  });
  return section(
    h(
      'p',
      {},
      'La page de l’initiative est remplacée par un court avis «\u00a0retirée à la demande de l’entreprise\u00a0», sans son nom\u202f; elle sort des listes, de la recherche, du vote, du recueil et de la lettre. Le dossier reste dans la console.',
    ),
    form,
  );
}
