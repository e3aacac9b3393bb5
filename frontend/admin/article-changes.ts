import { diffWordsWithSpace } from 'diff';
import type { Article } from '../../functions/domain/article.ts';
import { h } from './ui.ts';

const FIELDS: [keyof Article, string][] = [
  ['title', 'Titre'],
  ['lead', 'Chapeau'],
  ['body', 'Texte'],
  ['moreInfo', 'En savoir plus'],
];

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
          if (part.added)
            return h(
              'ins',
              {},
              h('span', { class: 'visually-hidden' }, '[ajouté : '),
              part.value,
              h('span', { class: 'visually-hidden' }, ']'),
            );
          if (part.removed)
            return h(
              'del',
              {},
              h('span', { class: 'visually-hidden' }, '[retiré : '),
              part.value,
              h('span', { class: 'visually-hidden' }, ']'),
            );
          return part.value;
        }),
      ),
    ]),
  );
}
