import type { ApplicationView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { hasUnsavedChanges, save } from './autosave.ts';
import { setupChecklist, showWhatIsMissing } from './checklist.ts';
import { showCountdown } from './countdown.ts';
import { setupDeleteDraft } from './delete-draft.ts';
import { byId, focusElement } from '../shared/dom.ts';
import { fillAll } from './form-fields.ts';
import { parseFragment } from './fragment.ts';
import { commitRemovals, limitSlots, setupPhotos, uploadsInProgress } from './photos.ts';
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

/** Every `.<name>` of the page says `text` (the call's title, its deadline…). */
function fill(name: string, text: string): void {
  for (const el of document.getElementsByClassName(name)) el.textContent = text;
}

/** Why there is no form: the call is closed, there is none, or it could not be loaded. */
function campaignMessage(campaign: CampaignInfo | null, error: ApiError | null): void {
  let id = 'campaign-error';
  if (campaign) id = 'campaign-closed';
  else if (error?.status === 404) id = 'campaign-none';
  fill('error-text', error?.message ?? '');
  byId(id).hidden = false;
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
    fill('campaign-title', campaign.title);
    fill('deadline-label', campaign.deadlineLabel);
    fill('photo-count', String(campaign.photoCount));
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
  if (campaign) {
    limitSlots(campaign.photoCount);
    showCountdown(campaign.deadline);
  }
  setupChecklist();
  document.addEventListener('application:closed', setReadOnly);
  addEventListener('beforeunload', (event) => {
    if (hasUnsavedChanges() || uploadsInProgress()) event.preventDefault();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    // The page hidden (left, closed, another app): the « Annuler » of a photo removed ends, its DELETE
    // outliving the page. Browsers fire this before leaving a page, where `pagehide` may not come on phones.
    void commitRemovals(true);
    if (store.id && hasUnsavedChanges()) void save();
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
    showWhatIsMissing();
    showStatus(`Dossier repris. Vos modifications s’enregistrent toutes seules.`, 'ok');
    if (!view.editable || !campaign?.open) setReadOnly();
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
    byId('form-view').hidden = true;
    byId('intro').hidden = true;
    // A server or network failure passes; a link refused needs the links again, or a new file.
    const passing = err.status === 0 || err.status >= 500;
    fill('error-text', err.message);
    byId('load-retry').hidden = !passing;
    byId('load-links').hidden = passing;
    byId('load-message').hidden = false;
    (byId('resume') as HTMLDetailsElement).open = !passing;
    byId('start-new').hidden = !campaign?.open;
    focusElement(byId('load-message'), 'start');
  }
}

void boot();
