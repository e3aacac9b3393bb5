import type { VoterErasureView } from '../../../functions/domain/admin-views.ts';
import { api } from '../api.ts';
import { plural } from '../format.ts';
import { field, h, notice, onSubmit, radios, setFieldError } from '../ui.ts';

const REASONS = [
  { value: 'data-subject-request', label: 'Demande de la personne concernée' },
  { value: 'address-misused', label: 'Adresse utilisée par quelqu’un d’autre' },
];

type Erased = VoterErasureView;

/**
 * « Supprimer les données d’un votant » (DELETE /api/admin/voters): the address typed, the scope
 * (this campaign or all), a reason. The votes counted stay counted; the address is never recorded.
 */
export function voterErasureSection(campaign: { id: string; title: string }): HTMLElement {
  const email = field({
    label: 'Adresse électronique du votant',
    name: 'email',
    type: 'email',
    hint: 'Telle que la personne l’a donnée\u00a0: majuscules, points et «\u00a0+…\u00a0» sont traités comme au vote.',
    attrs: { autocomplete: 'off', spellcheck: 'false' },
  });
  const scope = radios(
    'Campagnes concernées',
    'scope',
    [
      { value: 'one', label: `Cette campagne (${campaign.title})` },
      { value: 'all', label: 'Toutes les campagnes' },
    ],
    'one',
  );
  const reason = radios('Motif de la suppression', 'voter-reason', REASONS);
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button button--danger' }, 'Supprimer les données de ce votant');
  const form = h(
    'form',
    { novalidate: '' },
    email.wrapper,
    scope,
    reason,
    message,
    h('div', { class: 'actions' }, button),
  );
  onSubmit(form, button, message, async () => {
    setFieldError(email.control, undefined);
    const address = email.control.value.trim();
    const chosen = (form.querySelector('input[name="voter-reason"]:checked') as HTMLInputElement | null)?.value;
    if (!address) return void setFieldError(email.control, 'Indiquez l’adresse électronique du votant.');
    if (!chosen) return void message.replaceChildren(notice('error', 'Choisissez le motif de la suppression.'));
    const all = (form.querySelector('input[name="scope"]:checked') as HTMLInputElement | null)?.value === 'all';
    const res = await api<Erased>('DELETE', '/api/admin/voters', {
      email: address,
      reason: chosen,
      ...(all ? {} : { campaignId: campaign.id }),
    });
    const { pending, votes } = res.erased;
    email.control.value = '';
    message.replaceChildren(
      notice(
        'success',
        pending + votes
          ? `C’est fait\u00a0: supprimés pour cette adresse, ${plural(votes, 'vote confirmé', 'votes confirmés')} et ${plural(pending, 'demande de vote', 'demandes de vote')}. Les totaux ne changent pas.`
          : 'Aucune donnée de vote pour cette adresse\u00a0: il n’y avait rien à supprimer.',
      ),
    );
  });
  return h(
    'section',
    { 'aria-labelledby': 'votes-votant' },
    h('h2', { id: 'votes-votant' }, 'Supprimer les données d’un votant'),
    h(
      'p',
      {},
      'À la demande d’une personne\u00a0: ses demandes de vote (où figure son adresse), ses votes confirmés et son compteur sont effacés. Les votes déjà comptés restent dans les totaux. L’adresse n’est pas enregistrée dans le journal.',
    ),
    form,
  );
}
