import { fr } from '../french.ts';
import type { PublishedPhoto } from '../article.ts';

/**
 * Responsive pictures from a photo's processed variants (400/800/1600 px wide in WebP and JPEG,
 * fewer when the source was narrower): a WebP `<source>` and a JPEG `<img>`, both with `srcset`, and
 * the width and height of the default variant so the browser reserves the space before loading.
 */

export interface PictureView {
  /** WebP srcset, when the photo has WebP variants. */
  webp?: string;
  /** JPEG srcset (or WebP when a photo only has WebP). */
  srcset: string;
  src: string;
  width: number;
  height: number;
  sizes: string;
  alt: string;
  /** Every image but the first of a page loads lazily; the first is fetched with high priority. */
  lazy: boolean;
}

/** The variant served to browsers that ignore srcset, and whose size is declared. */
const DEFAULT_WIDTH = 800;

/** `media/<app>/<slot>/<upload>/800.jpg` → `/media/<app>/<slot>/<upload>/800.jpg`, each segment URL-encoded. */
export function mediaUrl(key: string): string {
  return `/${key.split('/').map(encodeURIComponent).join('/')}`;
}

type Variant = PublishedPhoto['variants'][number];

/** One variant per width, narrowest first. */
function byWidth(variants: Variant[], format: Variant['format']): Variant[] {
  const seen = new Map<number, Variant>();
  for (const v of variants)
    if (v.format === format && v.width > 0 && v.height > 0 && !seen.has(v.width)) seen.set(v.width, v);
  return [...seen.values()].sort((a, b) => a.width - b.width);
}

const srcset = (variants: Variant[]) => variants.map((v) => `${mediaUrl(v.key)} ${v.width}w`).join(', ');

export function pictureOf(
  photo: PublishedPhoto,
  options: { alt: string; sizes: string; lazy: boolean },
): PictureView | undefined {
  const jpeg = byWidth(photo.variants, 'jpeg');
  const webp = byWidth(photo.variants, 'webp');
  const fallback = jpeg.length ? jpeg : webp;
  if (!fallback.length) return undefined;
  const chosen = [...fallback].reverse().find((v) => v.width <= DEFAULT_WIDTH) ?? fallback[0]!;
  return {
    webp: jpeg.length && webp.length ? srcset(webp) : undefined,
    srcset: srcset(fallback),
    src: mediaUrl(chosen.key),
    width: chosen.width,
    height: chosen.height,
    sizes: options.sizes,
    alt: options.alt,
    lazy: options.lazy,
  };
}

/** The widest JPEG (Open Graph images are best at 1200 px and more; the CSV export links it). */
export function shareImage(photo: Pick<PublishedPhoto, 'variants'>): Variant | undefined {
  return byWidth(photo.variants, 'jpeg').at(-1);
}

/** The narrowest JPEG, for a small decorative thumbnail beside a link (the search list). */
export function thumbnailOf(photo: PublishedPhoto): { src: string; width: number; height: number } | undefined {
  const smallest = byWidth(photo.variants, 'jpeg')[0];
  return smallest && { src: mediaUrl(smallest.key), width: smallest.width, height: smallest.height };
}

/** Alt text: the caption, or a description naming the initiative when the caption is empty. */
export function altText(photo: PublishedPhoto, index: number, initiativeTitle: string): string {
  const caption = photo.caption.trim();
  return caption || fr`Photo ${index + 1} de l'initiative « ${initiativeTitle} »`;
}
