import { approveSchema, changesSchema, type ValidationView as View } from '../../functions/domain/article-workflow.ts';
import { byId, exclusive, focusElement, h, notice } from '../shared/dom.ts';
import { renderArticle } from './article-view.ts';

/**
 * The enterprise's page for its article: read the latest version sent, with its photos, then
 * approve it (typing a name) or ask for changes. The private token comes in the URL fragment
 * (`#jeton=…`), which browsers never send to a server; it is kept for the tab so a reload works,
 * and removed from the address bar so it is not copied along with the address.
 */
const KEY = 'avenir.validation.token';
const main = byId('contenu');
const when = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );

function token(): string | null {
  const fromLink = /(?:^#|&)jeton=([^&]+)/.exec(location.hash)?.[1];
  if (fromLink) {
    sessionStorage.setItem(KEY, decodeURIComponent(fromLink));
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(KEY);
}

class Failure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function call(method: string, path: string, body?: unknown): Promise<View> {
  let res: Response;
  try {
    res = await fetch(`/api/validation${path}`, {
      method,
      headers: {
        'x-validation-token': token() ?? '',
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
  } catch {
    throw new Failure(0, 'Connexion impossible\u00a0: vérifiez votre connexion à internet, puis réessayez.');
  }
  const data = (await res.json().catch(() => null)) as
    (View & { message?: string; issues?: { field: string; message: string }[] }) | null;
  if (!res.ok)
    throw new Failure(
      res.status,
      data?.message ?? 'Une erreur est survenue\u00a0: réessayez dans un instant.',
      data?.issues ?? [],
    );
  return data!;
}

/** A notice that can take the focus (the page moves it there after an answer). */
function box(kind: 'success' | 'important' | 'error' | 'info', ...children: (Node | string)[]): HTMLElement {
  const el = notice(kind, ...children);
  el.setAttribute('tabindex', '-1');
  return el;
}

function stateNotice(view: View): HTMLElement | null {
  if (view.approved) {
    // The record's date and name are optional in its type: the sentence says what it has.
    const { at, by } = view.approved;
    return box(
      'success',
      h('h2', {}, 'Article validé'),
      h(
        'p',
        {},
        `Vous avez validé cet article${at ? ` le ${when(at)}` : ''}${by ? ` (${by})` : ''}. Merci\u202f! Il sera publié au lancement de la plateforme\u202f; une confirmation vous a été envoyée par courriel.`,
      ),
    );
  }
  if (view.canAnswer) return null;
  return box('important', h('p', {}, view.notice ?? 'Cet article ne peut pas être validé pour le moment.'));
}

/** A form with one field, its label, hint and error, and a submit button. */
/** `done`: what to say once sent (without it, the page's new state says it). */
function answerForm(options: {
  title: string;
  intro: string;
  label: string;
  hint?: string;
  multiline?: boolean;
  autocomplete?: string;
  submit: string;
  name: string;
  send: (value: string) => Promise<View>;
  done?: string;
}): HTMLElement {
  const id = `${options.name}-champ`;
  const error = h('p', { class: 'field-error', id: `${id}-erreur`, hidden: '' });
  const hint = options.hint ? h('p', { class: 'hint', id: `${id}-aide` }, options.hint) : null;
  const attrs = {
    id,
    name: options.name,
    'aria-describedby': [hint ? `${id}-aide` : '', `${id}-erreur`].filter(Boolean).join(' '),
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
  };
  const control = options.multiline ? h('textarea', { ...attrs, rows: '6' }) : h('input', { ...attrs, type: 'text' });
  const button = h('button', { type: 'submit', class: 'button' }, options.submit);
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, options.label), hint, error, control);
  const form = h(
    'form',
    { novalidate: '', class: 'answer' },
    h('h3', {}, options.title),
    h('p', {}, options.intro),
    wrapper,
    button,
  );
  const showError = (message?: string) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    wrapper.classList.toggle('field--error', Boolean(message));
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  const submit = exclusive(button, async () => {
    try {
      show(await options.send(control.value), options.done ? box('success', h('p', {}, options.done)) : 'state');
    } catch (failure) {
      if (failure instanceof Failure && failure.issues.length) {
        showError(failure.issues.map((i) => i.message).join(' '));
        control.focus();
      } else if (failure instanceof Failure && failure.status === 409) {
        await load(box('important', h('p', {}, failure.message)));
      } else {
        showError(failure instanceof Error ? failure.message : String(failure));
        control.focus();
      }
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  return form;
}

/** `flash`: a message to show first and focus, or `state` to focus the notice of the page's state. */
function show(view: View, flash?: HTMLElement | 'state'): void {
  document.title = `Relecture de l’article «\u00a0${view.article.title}\u00a0» – Nos territoires ont de l’avenir`;
  const answers = view.canAnswer
    ? h(
        'section',
        { 'aria-labelledby': 'reponse', class: 'answers' },
        h('h2', { id: 'reponse' }, 'Votre réponse'),
        h('p', {}, `À donner avant le ${view.validationEndLabel}.`),
        answerForm({
          name: 'nom',
          title: 'Valider l’article',
          intro:
            'En validant, vous acceptez la publication de cet article et de ces photos, avec leurs légendes et crédits, sur la plateforme «\u00a0Nos territoires ont de l’avenir\u00a0».',
          label: 'Votre prénom et votre nom',
          autocomplete: 'name',
          submit: 'Je valide cet article',
          send: async (name) => {
            const parsed = approveSchema.safeParse({ version: view.version, name });
            if (!parsed.success)
              throw new Failure(
                400,
                '',
                parsed.error.issues.map((i) => ({ field: 'name', message: i.message })),
              );
            return call('POST', '/approve', parsed.data);
          },
        }),
        answerForm({
          name: 'modifications',
          title: 'Demander des modifications',
          intro:
            'Indiquez ce qu’il faut corriger ou compléter\u00a0: l’équipe communication vous enverra une nouvelle version.',
          label: 'Vos demandes de modifications',
          hint: 'Citez le passage concerné et la correction souhaitée.',
          multiline: true,
          submit: 'Envoyer mes demandes',
          done: 'Vos demandes sont transmises à l’équipe communication. Vous recevrez une nouvelle version par courriel.',
          send: async (comments) => {
            const parsed = changesSchema.safeParse({ version: view.version, comments });
            if (!parsed.success)
              throw new Failure(
                400,
                '',
                parsed.error.issues.map((i) => ({ field: 'comments', message: i.message })),
              );
            return call('POST', '/changes', parsed.data);
          },
        }),
      )
    : null;
  const requests = view.comments.length
    ? h(
        'section',
        { 'aria-labelledby': 'demandes' },
        h('h2', { id: 'demandes' }, 'Vos demandes sur cette version'),
        ...view.comments.map((c) =>
          h(
            'blockquote',
            {},
            h('p', { class: 'prose' }, c.text),
            h('p', { class: 'hint' }, `Envoyée le ${when(c.at)}`),
          ),
        ),
      )
    : null;
  const state = stateNotice(view);
  const message = flash === 'state' ? undefined : flash;
  main.replaceChildren(
    h('p', { class: 'kicker' }, view.company),
    h('h1', { tabindex: '-1' }, 'Relecture de votre article'),
    h(
      'p',
      {},
      `Initiative «\u00a0${view.initiative}\u00a0» — version ${view.version}, envoyée le ${when(view.sentAt)}.`,
    ),
    ...[message, state].filter((n): n is HTMLElement => Boolean(n)),
    h('div', { class: 'article-box' }, renderArticle(view.article, view.photos, 2)),
    ...[requests, answers].filter((n): n is HTMLElement => Boolean(n)),
  );
  // On arrival the reader starts at the top; after an answer, at its outcome.
  if (flash) focusElement(message ?? state ?? main.querySelector('h1'), 'start');
}

async function load(flash?: HTMLElement): Promise<void> {
  if (!token()) {
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Lien incomplet'),
      box('error', h('p', {}, 'Ouvrez le lien complet reçu par courriel\u00a0: il contient une clé personnelle.')),
    );
    return;
  }
  try {
    show(await call('GET', ''), flash);
  } catch (failure) {
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Impossible d’afficher l’article'),
      box('error', h('p', {}, failure instanceof Error ? failure.message : String(failure))),
    );
    focusElement(main.querySelector('h1'), 'start');
  }
}

void load();
