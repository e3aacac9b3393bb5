import { articleSchema, type Article } from '../../../functions/domain/article.ts';
import { draftVersion } from '../../../functions/domain/article-workflow.ts';
import type { ArticleScreen as Screen, PhotoDetail as Photo } from '../../../functions/domain/admin-views.ts';
import { picture, renderArticle, type ArticlePhoto } from '../../validation/article-view.ts';
import { api, ApiError } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ARTICLE } from '../labels.ts';
import {
  badge,
  field,
  focusElement,
  h,
  notice,
  onClick,
  onSubmit,
  pageTitle,
  prose,
  setFieldError,
  uid,
} from '../ui.ts';
import { articleChanges } from '../article-changes.ts';

/** Where a photo shows in the article, from its index in the display order (-1: not shown). */
function placeLabel(shown: number): string {
  if (shown === 0) return 'couverture';
  return shown > 0 ? `position ${shown + 1}` : 'non affichée';
}

/** The article's photos as the enterprise will see them: in order, with the article's captions. */
const photosOf = (article: Pick<Article, 'photoOrder' | 'photoTexts'>, photos: Photo[]): ArticlePhoto[] =>
  article.photoOrder.flatMap((slot) => {
    const photo = photos.find((p) => p.slot === slot);
    const texts = article.photoTexts[String(slot)];
    return photo ? [{ ...photo, caption: texts?.caption || photo.caption, credit: texts?.credit || photo.credit }] : [];
  });

function statusNotice(s: Screen): HTMLElement | null {
  const r = s.record;
  if (!r)
    return notice(
      'info',
      'Premier brouillon proposé à partir de la description du dossier\u00a0: reprenez-le, puis enregistrez-le.',
    );
  const comments = r.comments.filter((c) => c.version === r.sentVersion);
  switch (r.status) {
    case 'sent':
      return notice(
        'info',
        `Version ${r.version} envoyée le ${formatDateTime(r.sentAt)} à ${s.application.contactEmail}\u00a0: en attente de la réponse de l’entreprise. La modifier crée la version ${r.version + 1}, à envoyer à nouveau.`,
      );
    case 'changes-requested':
      return notice(
        'important',
        h('p', {}, h('strong', {}, `L’entreprise demande des modifications de la version ${r.sentVersion}\u00a0:`)),
        ...comments.map((c) => h('blockquote', {}, prose(c.text), h('p', { class: 'hint' }, formatDateTime(c.at)))),
        h('p', {}, `Modifiez l’article puis envoyez la version ${r.version + 1}.`),
      );
    case 'approved':
      return notice(
        'success',
        `Version ${r.approvedVersion} validée par ${r.approvedBy} le ${formatDateTime(r.approvedAt)}. La modifier demandera une nouvelle validation de l’entreprise.`,
      );
    default:
      return r.sentVersion
        ? notice(
            'info',
            `Version ${r.version} en préparation\u00a0: l’entreprise voit encore la version ${r.sentVersion} (sans pouvoir y répondre) jusqu’à l’envoi de celle-ci.`,
          )
        : null;
  }
}

/** The photo picker: which photos, in which order (the first is the cover), their captions and credits. */
function photoEditor(state: Article, photos: Photo[], changed: () => void): HTMLElement {
  const list = h('ol', { class: 'photo-order' });
  const draw = (focusSlot?: number, focusAction?: string) => {
    const hidden = photos.filter((p) => !state.photoOrder.includes(p.slot)).map((p) => p.slot);
    list.replaceChildren(
      ...[...state.photoOrder, ...hidden].map((slot) => {
        const photo = photos.find((p) => p.slot === slot)!;
        const shown = state.photoOrder.indexOf(slot);
        const texts = (state.photoTexts[String(slot)] ??= { caption: photo.caption, credit: photo.credit });
        const visible = h('input', { type: 'checkbox', id: uid('montrer') });
        visible.checked = shown >= 0;
        visible.addEventListener('change', () => {
          state.photoOrder = visible.checked ? [...state.photoOrder, slot] : state.photoOrder.filter((s) => s !== slot);
          changed();
          draw(slot, 'visible');
        });
        const move = (delta: number, label: string, action: string) => {
          const button = h(
            'button',
            { type: 'button', class: 'button button--secondary button--small', 'data-action': action },
            label,
          );
          const target = shown + delta;
          if (shown < 0 || target < 0 || target >= state.photoOrder.length) button.disabled = true;
          button.addEventListener('click', () => {
            const order = [...state.photoOrder];
            [order[shown], order[target]] = [order[target]!, order[shown]!];
            state.photoOrder = order;
            changed();
            draw(slot, action);
          });
          return button;
        };
        const caption = field({
          label: 'Légende (texte alternatif)',
          name: `caption-${slot}`,
          value: texts.caption,
          attrs: { maxlength: '200' },
        });
        const credit = field({
          label: 'Crédit',
          name: `credit-${slot}`,
          value: texts.credit,
          attrs: { maxlength: '120' },
        });
        caption.control.addEventListener('input', () => ((texts.caption = caption.control.value), changed()));
        credit.control.addEventListener('input', () => ((texts.credit = credit.control.value), changed()));
        const item = h(
          'li',
          { class: shown < 0 ? 'is-hidden' : '', 'data-slot': String(slot) },
          h('div', { class: 'photo-thumb' }, picture(photo.variants, photo.caption || `Photo ${slot}`, '8rem')),
          h(
            'div',
            {},
            h('p', { class: 'photo-place' }, `Photo ${slot} — ${placeLabel(shown)}`),
            h('div', { class: 'choice' }, visible, h('label', { for: visible.id }, 'Afficher dans l’article')),
            caption.wrapper,
            credit.wrapper,
            h('div', { class: 'actions' }, move(-1, 'Monter', 'up'), move(1, 'Descendre', 'down')),
          ),
        );
        return item;
      }),
    );
    if (focusSlot !== undefined) {
      const item = list.querySelector(`[data-slot="${focusSlot}"]`);
      const target =
        (focusAction === 'visible'
          ? item?.querySelector('input[type="checkbox"]')
          : item?.querySelector(`[data-action="${focusAction}"]:not(:disabled)`)) ?? item?.querySelector('input');
      (target as HTMLElement | null)?.focus();
    }
  };
  draw();
  return h(
    'fieldset',
    { class: 'photos-field', id: 'photoOrder' },
    h('legend', {}, 'Photos'),
    h('p', { class: 'hint' }, 'Dans l’ordre d’affichage\u00a0: la première est la photo de couverture.'),
    list,
  );
}

function linksEditor(state: Article, changed: () => void): HTMLElement {
  const rows = h('div', {});
  const add = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Ajouter un lien');
  const draw = (focusIndex?: number) => {
    rows.replaceChildren(
      ...state.links.map((link, i) => {
        const label = field({
          label: `Lien ${i + 1}\u00a0: intitulé`,
          name: `links.${i}.label`,
          value: link.label,
          attrs: { maxlength: '80' },
        });
        const url = field({
          label: `Lien ${i + 1}\u00a0: adresse`,
          name: `links.${i}.url`,
          type: 'url',
          value: link.url,
          hint: 'Commençant par https://',
        });
        label.control.addEventListener('input', () => ((link.label = label.control.value), changed()));
        url.control.addEventListener('input', () => ((link.url = url.control.value), changed()));
        const remove = h(
          'button',
          { type: 'button', class: 'button button--link button--small' },
          `Retirer le lien ${i + 1}`,
        );
        remove.addEventListener('click', () => {
          state.links.splice(i, 1);
          changed();
          draw();
          add.focus();
        });
        return h('div', { class: 'link-row' }, label.wrapper, url.wrapper, remove);
      }),
    );
    add.hidden = state.links.length >= 6;
    if (focusIndex !== undefined) (rows.querySelectorAll('input')[focusIndex * 2] as HTMLElement | undefined)?.focus();
  };
  add.addEventListener('click', () => {
    state.links.push({ label: '', url: '' });
    changed();
    draw(state.links.length - 1);
  });
  draw();
  return h(
    'fieldset',
    { class: 'links-field', id: 'links' },
    h('legend', {}, 'Liens'),
    h('p', { class: 'hint' }, 'Site web, réseaux sociaux… 6 au plus.'),
    rows,
    add,
  );
}

function versionsSection(s: Screen): HTMLElement | null {
  if (!s.versions.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'versions' },
    h('h2', { id: 'versions' }, 'Versions envoyées'),
    ...s.versions.map((v) => {
      const previous = s.versions.find((p) => p.version === v.version - 1);
      return h(
        'details',
        {},
        h('summary', {}, `Version ${v.version}, envoyée le ${formatDateTime(v.sentAt)} par ${v.sentBy}`),
        ...(previous
          ? [
              h(
                'details',
                { class: 'changes' },
                h('summary', {}, `Ce qui a changé depuis la version ${previous.version}`),
                articleChanges(previous.article, v.article),
              ),
            ]
          : []),
        ...(s.record?.comments.filter((c) => c.version === v.version) ?? []).map((c) =>
          h(
            'blockquote',
            {},
            h('p', { class: 'hint' }, `Demande de l’entreprise, ${formatDateTime(c.at)}\u00a0:`),
            prose(c.text),
          ),
        ),
        renderArticle(v.article, photosOf(v.article, s.photos), 2),
      );
    }),
  );
}

/**
 * The initiative's page rendered by the public site's own code (API), in a sandboxed frame: no
 * script runs in it and it cannot reach the console. Its stylesheet comes from /admin/site-assets/.
 */
function publicPreview(id: string, current: () => Article | undefined): HTMLElement {
  const frame = h('div', { class: 'public-preview' });
  const message = h('div', { class: 'form-message' });
  const button = h('button', { type: 'button', class: 'button button--secondary' }, 'Voir la page du site public');
  onClick(button, async () => {
    message.replaceChildren();
    const article = current();
    if (!article) return;
    try {
      const { html, assetsPrefix } = await api<{ html: string; assetsPrefix: string }>(
        'POST',
        `/api/admin/applications/${encodeURIComponent(id)}/article/preview`,
        { article },
      );
      const iframe = h('iframe', {
        sandbox: '',
        title: 'Page publique de l’initiative (aperçu)',
        class: 'public-frame',
      });
      iframe.srcdoc = html.replaceAll(`="${assetsPrefix}`, '="/admin/site-assets/');
      frame.replaceChildren(iframe);
    } catch (error) {
      message.replaceChildren(notice('error', error instanceof ApiError ? error.message : String(error)));
    }
  });
  return h('div', {}, h('div', { class: 'actions' }, button), message, frame);
}

/** #/dossiers/<id>/article: write, preview, send for validation, follow the answers. */
export async function showArticle(main: HTMLElement, id: string, screen?: Screen, flash?: HTMLElement): Promise<void> {
  const s = screen ?? (await api<Screen>('GET', `/api/admin/applications/${encodeURIComponent(id)}/article`));
  const state: Article = structuredClone(s.record?.article ?? s.suggestion!);
  let dirty = !s.record;

  const preview = h('div', { class: 'preview-frame' });
  const refresh = () => preview.replaceChildren(renderArticle(state, photosOf(state, s.photos), 2));
  const changed = () => {
    dirty = true;
    refresh();
    updateSend();
  };
  const text = (
    name: 'title' | 'lead' | 'body' | 'moreInfo',
    options: Omit<Parameters<typeof field>[0], 'name' | 'value'>,
  ) => {
    const f = field({ ...options, name, value: state[name] });
    f.control.addEventListener('input', () => ((state[name] = f.control.value), changed()));
    return f;
  };
  const title = text('title', {
    label: 'Titre',
    attrs: { maxlength: '120' },
    hint: 'Court et concret, par exemple «\u00a0Coder dans les quartiers\u00a0: le pari du PôleS\u00a0».',
  });
  const lead = text('lead', {
    label: 'Chapeau',
    rows: 3,
    hint: 'Une ou deux phrases qui donnent envie de lire (20 à 400 caractères).',
  });
  const body = text('body', {
    label: 'Texte',
    rows: 14,
    hint: 'Séparez les paragraphes par une ligne vide (200 à 6000 caractères).',
  });
  const more = text('moreInfo', {
    label: 'En savoir plus',
    rows: 4,
    hint: 'Facultatif\u00a0: la structure qui porte l’initiative, ses partenaires, ses chiffres.',
  });

  const message = h('div', { class: 'form-message', tabindex: '-1' });
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le brouillon');
  const send = h(
    'button',
    { type: 'button', class: 'button button--secondary' },
    `Envoyer pour validation à ${s.application.contactEmail}`,
  );
  const sendHint = h('p', { class: 'hint', id: uid('envoi') });
  send.setAttribute('aria-describedby', sendHint.id);
  const updateSend = () => {
    const reason =
      s.sendRefusal ??
      (!dirty && s.record && s.record.status !== 'draft'
        ? 'Cette version est déjà envoyée\u00a0: modifiez l’article pour en préparer une nouvelle.'
        : null);
    send.disabled = Boolean(reason);
    sendHint.textContent =
      reason ??
      (dirty
        ? 'Les modifications seront enregistrées avant l’envoi.'
        : `L’entreprise recevra un lien personnel pour relire la version ${s.record?.version ?? 1}, avant le ${s.campaign.validationEndLabel}.`);
  };

  const fields: Record<string, HTMLElement> = {
    title: title.control,
    lead: lead.control,
    body: body.control,
    moreInfo: more.control,
  };
  const validate = (): Article | undefined => {
    for (const control of main.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) setFieldError(control);
    const parsed = articleSchema.safeParse(state);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    for (const issue of issues) {
      const control = fields[issue.path] ?? main.querySelector<HTMLElement>(`[name="${CSS.escape(issue.path)}"]`);
      if (control) setFieldError(control, issue.message);
    }
    message.replaceChildren(
      notice(
        'error',
        h('p', {}, 'À corriger avant d’enregistrer\u00a0:'),
        h('ul', {}, ...issues.map((i) => h('li', {}, i.message))),
      ),
    );
    focusElement(message);
    return undefined;
  };

  const persist = async (): Promise<Screen | undefined> => {
    const article = validate();
    if (!article) return undefined;
    return api<Screen>('PUT', `/api/admin/applications/${encodeURIComponent(id)}/article`, {
      article,
      revision: s.record?.revision,
    });
  };
  const failed = (error: unknown) => {
    message.replaceChildren(notice('error', error instanceof ApiError ? error.message : String(error)));
    focusElement(message);
  };

  const form = h(
    'form',
    { class: 'article-form', novalidate: '' },
    title.wrapper,
    lead.wrapper,
    body.wrapper,
    more.wrapper,
    linksEditor(state, changed),
    photoEditor(state, s.photos, changed),
    message,
    h('div', { class: 'actions' }, save, send),
    sendHint,
  );
  onSubmit(
    form,
    save,
    message,
    async () => {
      const saved = await persist();
      if (saved)
        await showArticle(
          main,
          id,
          saved,
          notice('success', `Brouillon enregistré (version ${saved.record!.version}).`),
        );
    },
    failed,
  );
  onClick(send, async () => {
    // An email leaves for the enterprise: asked once more (the browser's own dialog, accessible everywhere).
    const version = dirty ? draftVersion(s.record ?? undefined) : (s.record?.version ?? 1);
    if (
      !window.confirm(
        `Envoyer la version ${version} de l’article à ${s.application.contactEmail}\u202f? L’entreprise recevra un courriel avec un lien personnel pour la relire.`,
      )
    )
      return;
    try {
      const saved = dirty ? await persist() : s;
      if (!saved?.record) return;
      const sent = await api<Screen>('POST', `/api/admin/applications/${encodeURIComponent(id)}/article/send`, {
        version: saved.record.version,
      });
      await showArticle(
        main,
        id,
        sent,
        notice('success', `Version ${sent.record!.sentVersion} envoyée à ${s.application.contactEmail}.`),
      );
    } catch (error) {
      failed(error);
    }
  });

  refresh();
  updateSend();
  const status = s.record ? ARTICLE[s.record.status]! : ARTICLE.none!;
  main.replaceChildren(
    h(
      'p',
      {},
      h('a', { href: `#/dossiers/${encodeURIComponent(id)}` }, `← Dossier «\u00a0${s.application.initiative}\u00a0»`),
    ),
    ...pageTitle(`Article\u00a0: ${s.application.initiative}`, s.application.company),
    h(
      'p',
      { class: 'badges' },
      badge(status[0], status[1]),
      s.record ? ` Version ${s.record.version}, modifiée le ${formatDateTime(s.record.updatedAt)}` : '',
    ),
    ...(flash ? [flash] : []),
    ...[statusNotice(s)].filter((n): n is HTMLElement => Boolean(n)),
    h(
      'details',
      { class: 'source' },
      h('summary', {}, 'Description déposée par l’entreprise'),
      prose(s.application.description),
    ),
    h(
      'div',
      { class: 'editor' },
      h(
        'section',
        { 'aria-labelledby': 'redaction', class: 'editor-form' },
        h('h2', { id: 'redaction' }, 'Rédaction'),
        form,
      ),
      h(
        'section',
        { 'aria-labelledby': 'apercu', class: 'editor-preview' },
        h('h2', { id: 'apercu' }, 'Aperçu'),
        h('p', { class: 'hint' }, 'Tel que l’entreprise le lira sur sa page de validation.'),
        preview,
        publicPreview(id, validate),
      ),
    ),
    ...[versionsSection(s)].filter((n): n is HTMLElement => Boolean(n)),
  );
  if (screen) focusElement(main.querySelector('h1'), 'start');
}
