import { diffWordsWithSpace } from 'diff';
import type { Article } from '../../functions/domain/article.ts';
import { h } from './ui.ts';

const FIELDS: [keyof Article, string][] = [
  ['title', 'Titre'],
  ['lead', 'Chapeau'],
  ['body', 'Texte'],
  ['moreInfo', 'En savoir plus'],
];

/** Added or removed words, with what happened to them said in words for screen readers. */
const marked = (tag: 'ins' | 'del', what: string, text: string) =>
  h(
    tag,
    {},
    h('span', { class: 'visually-hidden' }, `[${what}\u00a0: `),
    text,
    h('span', { class: 'visually-hidden' }, ']'),
  );

/**
 * What changed from one version of an article to the next, field by field: removed words struck
 * through (`<del>`), added words underlined (`<ins>`), with a text prefix for screen readers. Word
 * diffs come from jsdiff (`diff`), a maintained library: computing them by hand is a solved problem.
 */
export function articleChanges(before: Article, after: Article): HTMLElement {
  const changed = FIELDS.filter(([field]) => (before[field] ?? '') !== (after[field] ?? ''));
  if (!changed.length) return h('p', { class: 'hint' }, 'Le texte n’a pas changé (seules les photos ont pu changer).');
  return h(
    'dl',
    { class: 'article-changes' },
    ...changed.flatMap(([field, label]) => [
      h('dt', {}, label),
      h(
        'dd',
        {},
        ...diffWordsWithSpace(String(before[field] ?? ''), String(after[field] ?? '')).map((part) => {
          if (part.added) return marked('ins', 'ajouté', part.value);
          if (part.removed) return marked('del', 'retiré', part.value);
          return part.value;
        }),
      ),
    ]),
  );
}
