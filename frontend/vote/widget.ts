import { h } from '../shared/dom.ts';
import type { VotingInfo } from '../../functions/domain/votes.ts';
import { call, votesLabel } from './api.ts';

/**
 * « Je vote » on an initiative page of the public site. The page (functions/domain/site) holds
 * `<section id="vote" data-campaign data-initiative>` with a <noscript> saying the vote needs
 * JavaScript (the API takes JSON); this script adds the form, the count when the campaign shows it,
 * and a live region for every message. Text only (never innerHTML); no inline style (CSP).
 */

declare const __VOTE_STYLES__: string;

const EMAIL_MISSING = 'Adresse e-mail\u00a0: indiquez votre adresse pour recevoir le lien de confirmation.';
const EMAIL_FORMAT = 'Adresse e-mail\u00a0: vérifiez son format, par exemple prenom.nom@exemple.fr.';

function loadStyles(): void {
  if (document.querySelector(`link[href="${__VOTE_STYLES__}"]`)) return;
  document.head.append(h('link', { rel: 'stylesheet', href: __VOTE_STYLES__ }));
}

function start(root: HTMLElement): void {
  const initiativeId = root.dataset.initiative ?? '';
  const campaignId = root.dataset.campaign ?? '';
  if (!initiativeId) return;
  loadStyles();

  const count = h('p', { class: 'vote-count', hidden: '' });
  const hint = h('p', { class: 'vote-hint', id: 'vote-email-hint' });
  const error = h('p', { class: 'vote-error', id: 'vote-email-error', hidden: '' });
  const input = h('input', {
    id: 'vote-email',
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    inputmode: 'email',
    spellcheck: 'false',
    autocapitalize: 'off',
    required: '',
    maxlength: '254',
    'aria-describedby': 'vote-email-hint vote-email-error',
  });
  const button = h('button', { type: 'submit', class: 'button vote-button' }, 'Je vote');
  const form = h(
    'form',
    { class: 'vote-form', novalidate: '', hidden: '' },
    h('div', { class: 'vote-field' }, h('label', { for: 'vote-email' }, 'Votre adresse e-mail'), hint, error, input),
    button,
    h(
      'p',
      { class: 'vote-privacy' },
      'Votre adresse sert seulement à confirmer ce vote\u00a0: elle est effacée dès la confirmation, ou sous 48 heures sans confirmation. ',
      h('a', { href: '/donnees-personnelles/' }, 'Données personnelles'),
    ),
  );
  // Present from the start, so that screen readers announce what is written in it later.
  const status = h('p', { class: 'vote-status', role: 'status', 'aria-live': 'polite' });
  root.append(count, form, status);

  const say = (text: string, tone: 'info' | 'success' | 'error' = 'info') => {
    status.className = `vote-status vote-status--${tone}`;
    status.textContent = text;
  };
  const fieldError = (message?: string) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  let info: VotingInfo | undefined;
  const refresh = async () => {
    const answer = await call<VotingInfo>(
      'GET',
      `/api/votes/counts${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`,
    );
    if (answer.status !== 200) {
      if (!info) say(`Le vote est momentanément indisponible. ${answer.data.message ?? ''}`.trim(), 'error');
      return;
    }
    info = answer.data;
    if (info.showCounts && info.counts) {
      count.textContent = `${votesLabel(info.counts[initiativeId] ?? 0)} pour cette initiative`;
      count.hidden = false;
    } else count.hidden = true;
    if (info.state === 'open') {
      hint.textContent = `Nous vous envoyons un lien pour confirmer votre vote. Une même adresse peut voter pour ${info.maxPerEmail} initiatives au plus, une fois chacune, jusqu’au ${info.closesLabel}.`;
      if (form.hidden) {
        form.hidden = false;
        if (status.classList.contains('vote-status--error')) say('');
      }
    } else {
      form.hidden = true;
      say(
        info.state === 'closed'
          ? 'Les votes sont clos. Merci à toutes celles et ceux qui ont voté\u202f!'
          : `Le vote ouvrira le ${info.opensLabel}.`,
      );
    }
  };

  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    const email = input.value.trim();
    if (!email || input.validity.typeMismatch) {
      fieldError(email ? EMAIL_FORMAT : EMAIL_MISSING);
      say('');
      input.focus();
      return;
    }
    fieldError();
    sending = true;
    button.setAttribute('aria-disabled', 'true');
    say('Envoi de votre vote…');
    void call<{ message: string }>('POST', '/api/votes', { initiativeId, email, page: location.pathname })
      .then((answer) => {
        if (answer.status === 202) {
          input.value = '';
          say(answer.data.message ?? 'Vérifiez votre boîte mail pour confirmer votre vote.', 'success');
          return;
        }
        const onEmail = answer.data.issues?.find((i) => i.field === 'email');
        if (onEmail) {
          fieldError(onEmail.message);
          say('');
          input.focus();
        } else {
          say(answer.data.message ?? 'Votre vote n’a pas pu être envoyé\u00a0: réessayez.', 'error');
        }
        if (answer.data.reason === 'closed') void refresh();
      })
      .finally(() => {
        sending = false;
        button.removeAttribute('aria-disabled');
      });
  });

  say('Chargement du vote…');
  void refresh().then(() => {
    if (status.textContent === 'Chargement du vote…') say('');
  });
  // Back on the page after confirming in another tab, or from the back/forward cache: counts again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) void refresh();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
  });
}

const root = document.getElementById('vote');
if (root) start(root);
