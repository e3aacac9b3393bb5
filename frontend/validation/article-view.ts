import { paragraphs, type Article } from '../../functions/domain/article.ts';
import { h } from '../shared/dom.ts';

/**
 * An article as the enterprise reads it on its validation page, and as the console previews it:
 * title, lead, cover photo, paragraphs, « En savoir plus », links, the other photos with captions
 * and credits. Built with DOM calls: the text is never parsed as HTML.
 */
export interface Variant {
  width: number;
  height: number;
  format: string;
  url: string;
}
export interface ArticlePhoto {
  slot: number;
  caption: string;
  credit: string;
  variants: Variant[];
}

/** Processed variants (400/800/1600 px, WebP and JPEG) as one responsive <picture>. */
export function picture(variants: Variant[], alt: string, sizes: string): HTMLElement {
  const of = (format: string) => variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width);
  const srcset = (list: Variant[]) => list.map((v) => `${v.url} ${v.width}w`).join(', ');
  const jpeg = of('jpeg');
  const fallback = jpeg.find((v) => v.width >= 800) ?? jpeg.at(-1) ?? variants[0];
  const img = h('img', { alt, sizes, loading: 'lazy', decoding: 'async' });
  if (fallback) {
    img.src = fallback.url;
    img.width = fallback.width;
    img.height = fallback.height;
  }
  if (jpeg.length) img.srcset = srcset(jpeg);
  const webp = of('webp');
  return h('picture', {}, webp.length ? h('source', { type: 'image/webp', srcset: srcset(webp), sizes }) : null, img);
}

function figure(photo: ArticlePhoto, sizes: string, className: string): HTMLElement {
  return h(
    'figure',
    { class: className },
    picture(photo.variants, photo.caption || 'Photo de l’initiative', sizes),
    photo.caption || photo.credit
      ? h('figcaption', {}, photo.caption, photo.credit ? h('span', { class: 'credit' }, photo.credit) : null)
      : null,
  );
}

/** Only web addresses become links (a draft being typed in the console may hold anything). */
const safeLink = (url: string, label: string) =>
  /^https?:\/\/\S+$/i.test(url)
    ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label || url)
    : h('span', {}, label || url);

/** `level`: the heading level of the title (2 inside a page that has its own h1). */
export function renderArticle(
  article: Pick<Article, 'title' | 'lead' | 'body' | 'moreInfo' | 'links'>,
  photos: ArticlePhoto[],
  level: 1 | 2 = 1,
): HTMLElement {
  const [cover, ...others] = photos;
  const heading = (n: number, text: string) => h(`h${Math.min(n, 6)}` as 'h2', {}, text);
  return h(
    'article',
    { class: 'article-view' },
    heading(level, article.title || 'Sans titre'),
    article.lead ? h('p', { class: 'article-lead' }, article.lead) : null,
    cover ? figure(cover, '(min-width: 48rem) 44rem, 100vw', 'article-cover') : null,
    ...paragraphs(article.body).map((text) => h('p', {}, text)),
    article.moreInfo
      ? h(
          'section',
          { class: 'article-more' },
          heading(level + 1, 'En savoir plus'),
          ...paragraphs(article.moreInfo).map((text) => h('p', {}, text)),
        )
      : null,
    article.links.length
      ? h('ul', { class: 'article-links' }, ...article.links.map((l) => h('li', {}, safeLink(l.url, l.label))))
      : null,
    others.length
      ? h(
          'div',
          { class: 'article-gallery' },
          ...others.map((p) => figure(p, '(min-width: 48rem) 22rem, 100vw', 'article-photo')),
        )
      : null,
  );
}
