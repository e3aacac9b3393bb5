import { api } from './api.ts';
import { PHASE } from './labels.ts';
import { go } from './nav.ts';
import { h, select } from './ui.ts';

/**
 * Which campaign the dashboard, the list and the journal show: the API's current one unless the
 * admin picks another (kept for the tab's session).
 */
const KEY = 'avenir.console.campaign';

export const chosenCampaign = () => sessionStorage.getItem(KEY) ?? '';
export const campaignParam = () => (chosenCampaign() ? `campaignId=${encodeURIComponent(chosenCampaign())}` : '');

/** The picker, when there is a choice (the page's kicker already names the campaign shown). */
export async function campaignPicker(shown: { id: string }): Promise<Node> {
  const { campaigns } = await api<{ campaigns: { id: string; title: string; phase: string }[] }>(
    'GET',
    '/api/admin/campaigns',
  );
  const { wrapper, control } = select(
    'Campagne affichée',
    'campaign',
    campaigns.map((c) => ({ value: c.id, label: `${c.title} (${PHASE[c.phase] ?? c.phase})` })),
    shown.id,
  );
  // A button rather than acting on change: choosing in the list must not reload the page under the keyboard.
  const form = h(
    'form',
    { class: 'campaign-picker' },
    wrapper,
    h('button', { type: 'submit', class: 'button button--secondary button--small' }, 'Afficher'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, control.value);
    go(location.hash || '#/');
  });
  return campaigns.length > 1 ? form : document.createDocumentFragment();
}
