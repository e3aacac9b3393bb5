import type { ApplicationView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { hasUnsavedChanges, save } from './autosave.ts';
import { setupDeleteDraft } from './delete-draft.ts';
import { byId, focusElement } from '../shared/dom.ts';
import { fillAll } from './form-fields.ts';
import { parseFragment } from './fragment.ts';
import { limitSlots, setupPhotos, uploadsInProgress } from './photos.ts';
import { prefillSignatory, setupRelease } from './release.ts';
import { setupResumeLinks } from './resume-links.ts';
import { NEED_EMAIL, showStatus } from './save-status.ts';
import { refreshCounter, setupSections } from './sections.ts';
import { initialCredentials, setCredentials, setView, store, type CampaignInfo } from './store.ts';
import { setupSubmission, showPage } from './submission.ts';

/**
 * The applicant form (/candidater/): loads the open call, then either a new application or the one
 * named by the private link (`#dossier=…&jeton=…`), and wires every part of the page.
 */
function message(title: string, text: string): void {
  byId('campaign-message-title').textContent = title;
  byId('campaign-message-text').textContent = text;
  byId('campaign-message').hidden = false;
}

function campaignMessage(campaign: CampaignInfo | null, error: ApiError | null): void {
  if (campaign && !campaign.open) {
    message(
      "L'appel à initiatives est clos",
      `La date limite de « ${campaign.title} » était le ${campaign.deadlineLabel} (heure de Paris). Il n'est plus possible de déposer ni de modifier un dossier.`,
    );
  } else if (error?.status === 404) {
    message(
      "Aucun appel à initiatives n'est ouvert en ce moment",
      "L'appel « Nos territoires ont de l'avenir » ouvre une fois par an. Cette page permettra d'y répondre dès sa prochaine ouverture.",
    );
  } else if (error) {
    message('Le formulaire ne peut pas être chargé', `${error.message} Rechargez la page dans un instant.`);
  }
}

function setReadOnly(): void {
  store.editable = false;
  for (const el of byId('form-view').querySelectorAll<HTMLInputElement | HTMLButtonElement>(
    'input, select, textarea, button',
  )) {
    if (!el.closest('#resume-form')) el.disabled = true;
  }
  byId('send-button').hidden = true;
  showStatus('Ce dossier ne peut plus être modifié.', 'info');
}

/** In-page links (error summaries, missing items, steps) focus their target without touching the fragment, which holds the private link. */
function setupInPageLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a[href^="#"]');
    const target = link && byId(decodeURIComponent(link.getAttribute('href')!.slice(1)));
    if (!target) return;
    event.preventDefault();
    if (byId('form-view').contains(target)) showPage('form');
    focusElement(target, /^H\d$|^MAIN$/.test(target.tagName) ? 'start' : 'center');
  });
}

async function boot(): Promise<void> {
  setupInPageLinks();
  // Another private link pasted into this tab changes only the fragment: open that file.
  addEventListener('hashchange', () => {
    const next = parseFragment(location.hash);
    if (next && next.id !== store.id) location.reload();
  });
  const credentials = initialCredentials();
  let campaign: CampaignInfo | null = null;
  let error: ApiError | null = null;
  try {
    campaign = await api<CampaignInfo>('GET', '/api/campaign');
  } catch (e) {
    error = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
  }
  byId('loading').hidden = true;
  store.campaign = campaign;
  if (campaign) {
    byId('campaign-title').textContent = campaign.title;
    byId('deadline-label').textContent = campaign.deadlineLabel;
    byId('photo-count-label').textContent = String(campaign.photoCount);
  }
  if (!campaign?.open) campaignMessage(campaign, error);
  // No form without the call, except to show a file reached by its private link (read only).
  if (!campaign?.open && (!credentials || (error && error.status !== 404))) return;

  setupSections(prefillSignatory);
  setupPhotos();
  setupRelease();
  setupSubmission();
  setupDeleteDraft();
  setupResumeLinks();
  if (campaign) limitSlots(campaign.photoCount);
  document.addEventListener('application:closed', setReadOnly);
  addEventListener('beforeunload', (event) => {
    if (hasUnsavedChanges() || uploadsInProgress()) event.preventDefault();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && store.id && hasUnsavedChanges()) void save();
  });
  byId('save-retry').addEventListener('click', () => void save());
  byId('start-new').addEventListener('click', () => {
    setCredentials(null);
    location.reload();
  });
  showPage('form');
  if (!campaign?.open) byId('intro').hidden = true;

  if (!credentials) {
    showStatus(NEED_EMAIL);
    return;
  }
  setCredentials(credentials);
  showStatus('Chargement de votre dossier…');
  try {
    const view = await api<ApplicationView>('GET', `/api/applications/${credentials.id}`);
    fillAll(view.fields);
    refreshCounter();
    prefillSignatory();
    setView(view);
    showStatus(`Dossier repris. Vos modifications s'enregistrent toutes seules.`, 'ok');
    if (!view.editable || !campaign?.open) setReadOnly();
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
    byId('form-view').hidden = true;
    byId('intro').hidden = true;
    byId('load-message-text').textContent =
      err.status === 0 || err.status >= 500
        ? `${err.message} Rechargez la page dans un instant.`
        : `${err.message} Vous pouvez recevoir à nouveau vos liens par courriel, ou commencer un nouveau dossier.`;
    byId('load-message').hidden = false;
    (byId('resume') as HTMLDetailsElement).open = err.status !== 0 && err.status < 500;
    byId('start-new').hidden = !campaign?.open;
    focusElement(byId('load-message'), 'start');
  }
}

void boot();
