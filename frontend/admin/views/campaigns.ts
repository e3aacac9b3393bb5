import type { CampaignInput } from '../../../functions/domain/campaign-config.ts';
import type { CampaignRecord } from '../../../functions/domain/timeline.ts';
import { api, ApiError } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { DATE_LABELS, PHASE } from '../labels.ts';
import { go, type Route } from '../nav.ts';
import { badge, onClick, field, focusElement, h, notice, onSubmit, pageTitle, setFieldError, table } from '../ui.ts';

/**
 * Campaigns: create (a draft), edit, open. The rules (existing dates, order, what may change once
 * open) are the API's: its French messages show beside each field. (The schema is not bundled here:
 * with luxon it would double the console's weight.)
 */
const DATE_FIELDS = ['deadline', 'notification', 'validationEnd', 'launch', 'votingClose'] as const;

function campaignForm(input: CampaignInput, campaign?: CampaignRecord): HTMLElement {
  const controls: Record<string, HTMLInputElement | HTMLTextAreaElement> = {};
  const add = (name: string, options: Omit<Parameters<typeof field>[0], 'name'>) => {
    const f = field({ ...options, name });
    controls[name] = f.control;
    return f.wrapper;
  };
  const message = h('div', { class: 'form-message', tabindex: '-1' });
  const button = h(
    'button',
    { type: 'submit', class: 'button' },
    campaign ? 'Enregistrer les modifications' : 'Créer la campagne',
  );
  const form = h(
    'form',
    { class: 'campaign-form', novalidate: '' },
    add('title', { label: 'Titre', value: input.title, attrs: { maxlength: '120' } }),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Calendrier (heure de Paris)'),
      h(
        'p',
        { class: 'hint' },
        'Dépôts jusqu’à 23 h 59 le jour limite\u202f; annonces à 9 h. Le calendrier entier tient dans un an.',
      ),
      h(
        'div',
        { class: 'filter-grid' },
        ...DATE_FIELDS.map((name) => add(name, { label: DATE_LABELS[name]!, type: 'date', value: input[name] })),
      ),
    ),
    add('reminderOffsets', {
      label: 'Rappels avant la date limite (jours)',
      value: input.reminderOffsets.join(', '),
      hint: 'Séparés par des virgules, par exemple 14, 3, 1.',
    }),
    h(
      'div',
      { class: 'filter-grid' },
      // Fixed by the call (the API refuses another count): the form has four photo slots.
      add('photoCount', {
        label: 'Nombre de photos demandées',
        type: 'number',
        value: String(input.photoCount),
        hint: 'Fixé par l’appel\u00a0: 4 photos par dossier.',
        attrs: { min: '4', max: '4', readonly: '' },
      }),
      add('target', {
        label: 'Objectif d’initiatives retenues',
        type: 'number',
        value: String(input.target),
        attrs: { min: '1', max: '1000' },
      }),
    ),
    message,
    h('div', { class: 'actions' }, button),
  );

  const showIssues = (issues: { field: string; message: string }[]) => {
    for (const control of Object.values(controls)) setFieldError(control);
    for (const issue of issues) if (controls[issue.field]) setFieldError(controls[issue.field]!, issue.message);
    message.replaceChildren(
      notice('error', h('p', {}, 'À corriger\u00a0:'), h('ul', {}, ...issues.map((i) => h('li', {}, i.message)))),
    );
    focusElement(message);
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.issues.length) return showIssues(error.issues);
    message.replaceChildren(notice('error', error instanceof Error ? error.message : String(error)));
    focusElement(message);
  };
  onSubmit(
    form,
    button,
    message,
    async () => {
      const raw = {
        title: controls.title!.value,
        ...Object.fromEntries(DATE_FIELDS.map((name) => [name, controls[name]!.value])),
        reminderOffsets: controls
          .reminderOffsets!.value.split(/[,;\s]+/)
          .filter(Boolean)
          .map(Number)
          .filter(Number.isFinite),
        photoCount: Number(controls.photoCount!.value),
        target: Number(controls.target!.value),
      };
      const { campaign: saved } = campaign
        ? await api<{ campaign: CampaignRecord }>('PUT', `/api/admin/campaigns/${encodeURIComponent(campaign.id)}`, raw)
        : await api<{ campaign: CampaignRecord }>('POST', '/api/admin/campaigns', raw);
      go(`#/campagnes/${encodeURIComponent(saved.id)}`);
    },
    failed,
  );
  return form;
}

/** Opening asks for a second click: it opens the form to applicants and starts the timeline. */
function openControl(campaign: CampaignRecord): HTMLElement {
  const message = h('div', { class: 'form-message' });
  const ask = h('button', { type: 'button', class: 'button' }, 'Ouvrir l’appel à initiatives');
  const confirm = h('button', { type: 'button', class: 'button', hidden: '' }, 'Confirmer l’ouverture');
  const warning = h(
    'p',
    { hidden: '', id: 'open-warning' },
    'Le formulaire acceptera les dossiers dès maintenant et les courriels du calendrier partiront aux dates prévues.',
  );
  confirm.setAttribute('aria-describedby', warning.id);
  ask.addEventListener('click', () => {
    ask.hidden = true;
    confirm.hidden = false;
    warning.hidden = false;
    confirm.focus();
  });
  onClick(confirm, async () => {
    try {
      await api('POST', `/api/admin/campaigns/${encodeURIComponent(campaign.id)}/open`);
      go(location.hash);
    } catch (error) {
      message.replaceChildren(notice('error', error instanceof Error ? error.message : String(error)));
    }
  });
  return h('div', { class: 'open-control' }, warning, h('div', { class: 'actions' }, ask, confirm), message);
}

async function showOne(main: HTMLElement, id: string): Promise<void> {
  const { campaign, execution } = await api<{ campaign: CampaignRecord; execution: { status: string } | null }>(
    'GET',
    `/api/admin/campaigns/${encodeURIComponent(id)}`,
  );
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/campagnes' }, '← Toutes les campagnes')),
    ...pageTitle(campaign.title, 'Campagne'),
    h(
      'p',
      {},
      badge(PHASE[campaign.phase] ?? campaign.phase, campaign.phase === 'draft' ? 'neutral' : 'info'),
      execution
        ? ` Calendrier automatique\u00a0: ${execution.status === 'RUNNING' ? 'en cours' : execution.status.toLowerCase()}`
        : '',
    ),
    ...(campaign.phase === 'draft'
      ? [openControl(campaign)]
      : [
          notice(
            'info',
            `Ouverte le ${formatDateTime(campaign.openedAt)}. Les dates des étapes déjà passées ne peuvent plus changer\u202f; changer une date à venir relance le calendrier.`,
          ),
        ]),
    h('h2', {}, 'Modifier'),
    campaignForm(campaign.input, campaign),
  );
}

/** #/campagnes, #/campagnes/nouvelle, #/campagnes/<id> */
export async function showCampaigns(main: HTMLElement, route: Route): Promise<void> {
  const id = route.path[1];
  if (id === 'nouvelle') {
    main.replaceChildren(
      h('p', {}, h('a', { href: '#/campagnes' }, '← Toutes les campagnes')),
      ...pageTitle('Nouvelle campagne'),
      h(
        'p',
        {},
        'Dates proposées d’après le calendrier de l’appel\u202f; la campagne reste en préparation jusqu’à son ouverture.',
      ),
      campaignForm(await api<CampaignInput>('GET', '/api/admin/campaign-defaults')),
    );
    return;
  }
  if (id) return showOne(main, id);
  const { campaigns } = await api<{ campaigns: CampaignRecord[] }>('GET', '/api/admin/campaigns');
  main.replaceChildren(
    ...pageTitle('Campagnes'),
    h('p', {}, h('a', { class: 'button', href: '#/campagnes/nouvelle' }, 'Nouvelle campagne')),
    campaigns.length
      ? table(
          'Campagnes, de la plus récente à la plus ancienne',
          ['Campagne', 'Phase', 'Date limite', 'Annonce', 'Lancement'],
          campaigns.map((c) => [
            h('a', { href: `#/campagnes/${encodeURIComponent(c.id)}` }, c.title),
            PHASE[c.phase] ?? c.phase,
            formatDate(c.dates.deadline),
            formatDate(c.dates.notification),
            formatDate(c.dates.launch),
          ]),
        )
      : notice('info', 'Aucune campagne pour le moment.'),
  );
}
