// zod/mini: the console and the validation page check the article in the browser with these rules.
import * as z from 'zod/mini';

/**
 * The article the communication team writes from a selected application's description (seed 000,
 * « l'article que le service communication fera valider »; seed 004 shows how they read online):
 * a title, a lead, a body in paragraphs, an « En savoir plus » paragraph, links, and the photos in
 * the chosen order with the cover first. Plain text only: paragraphs are separated by a blank line
 * and every renderer escapes it.
 */
export const articleLinkSchema = z.object({
  label: z.string().check(z.trim(), z.minLength(1, 'Lien\u00a0: intitulé obligatoire.'), z.maxLength(80)),
  url: z
    .string()
    .check(z.trim(), z.regex(/^https?:\/\/\S+$/i, 'Lien\u00a0: adresse complète, commençant par https://')),
});

export const articleSchema = z.object({
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(5, 'Titre\u00a0: 5 caractères au moins.'),
      z.maxLength(120, 'Titre\u00a0: 120 caractères au maximum.'),
    ),
  lead: z
    .string()
    .check(
      z.trim(),
      z.minLength(20, 'Chapeau\u00a0: 20 caractères au moins.'),
      z.maxLength(400, 'Chapeau\u00a0: 400 caractères au maximum.'),
    ),
  body: z
    .string()
    .check(
      z.trim(),
      z.minLength(200, 'Texte\u00a0: 200 caractères au moins.'),
      z.maxLength(6000, 'Texte\u00a0: 6000 caractères au maximum.'),
    ),
  moreInfo: z._default(
    z.string().check(z.trim(), z.maxLength(1500, '«\u00a0En savoir plus\u00a0»\u00a0: 1500 caractères au maximum.')),
    '',
  ),
  links: z._default(z.array(articleLinkSchema).check(z.maxLength(6)), []),
  /** Photo slots in display order; the first is the cover. */
  photoOrder: z
    .array(z.number().check(z.int(), z.minimum(1), z.maximum(8)))
    .check(z.minLength(1, 'Choisissez au moins une photo.'), z.maxLength(8)),
  /** Per-slot caption (also the alt text) and credit, editable by the team. */
  photoTexts: z._default(
    z.record(
      z.string(),
      z.object({
        caption: z._default(z.string().check(z.trim(), z.maxLength(200)), ''),
        credit: z._default(z.string().check(z.trim(), z.maxLength(120)), ''),
      }),
    ),
    {},
  ),
});
export type Article = z.infer<typeof articleSchema>;

export const ARTICLE_STATUSES = ['draft', 'sent', 'changes-requested', 'approved'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
/** The statuses in the team's words (the console, the CSV export); `none`: no article yet. */
export const ARTICLE_LABELS: Record<ArticleStatus | 'none', string> = {
  none: 'Pas d’article',
  draft: 'Brouillon',
  sent: 'Envoyé, en attente',
  'changes-requested': 'Modifications demandées',
  approved: 'Validé',
};

/** A photo as the public site needs it: its processed variants under /media/. */
export interface PublishedPhoto {
  slot: number;
  width: number;
  height: number;
  caption: string;
  credit: string;
  variants: { width: number; height: number; format: 'jpeg' | 'webp'; key: string }[];
}

/** One approved initiative, everything the publication renders. */
export interface PublishedInitiative {
  id: string;
  slug: string;
  axis: string;
  article: Article;
  company: { name: string; city: string; region: string; department: string };
  website?: string;
  photos: PublishedPhoto[];
  approvedAt: string;
}

/**
 * URL-safe slug of a French title: « Coder dans les quartiers : le pari du PôleS » → coder-dans-les-quartiers-le-pari-du-poles.
 * `keepCase` keeps the capitals (file names: Coder-dans-les-quartiers-le-pari-du-PoleS).
 */
export function slugify(text: string, { keepCase = false, max = 80 } = {}): string {
  const folded = text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return (
    (keepCase ? folded : folded.toLowerCase())
      // Ligatures have no decomposition: « cœur » → coeur, not c-ur.
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/Œ/g, 'OE')
      .replace(/Æ/g, 'AE')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/g, '')
  );
}

export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}
