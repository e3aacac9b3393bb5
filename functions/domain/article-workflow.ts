// zod/mini, like article.ts: the validation page checks the answers in the browser with these rules.
import * as z from 'zod/mini';
import type { DraftFields } from './application.ts';
import {
  articleSchema,
  slugify,
  type Article,
  type ArticleStatus,
  type PublishedInitiative,
  type PublishedPhoto,
} from './article.ts';
import type { Campaign } from './campaign.ts';
import type { FieldIssue } from './errors.ts';

/**
 * The article's life between the team and the enterprise (« validation avec les entreprises
 * concernées des contenus », seed 000). One working copy (item `ARTICLE`) and one frozen snapshot
 * per version sent (`ARTICLE#V<n>`):
 * - saving a draft keeps its version; saving after a send starts the next version;
 * - sending freezes the version and emails a private link; the link always shows the latest version sent;
 * - the enterprise answers the version it read: approve (typing its name) or ask for changes.
 * Each version is approved or sent back at most once, so a retried click records nothing twice.
 */

export interface ArticleComment {
  version: number;
  at: string;
  text: string;
}

/** The `ARTICLE` item (the publication reads `status === 'approved'` and `article`). */
export interface ArticleRecord {
  applicationId: string;
  campaignId: string;
  status: ArticleStatus;
  /** The working version: the draft being written, or the latest one sent. */
  version: number;
  article: Article;
  /** Optimistic lock: every write increments it. */
  revision: number;
  updatedAt: string;
  updatedBy: string;
  sentVersion?: number;
  sentAt?: string;
  approvedVersion?: number;
  approvedAt?: string;
  approvedBy?: string;
  /** The enterprise's change requests, oldest first. */
  comments: ArticleComment[];
}

/** An `ARTICLE#V<n>` item: the version exactly as it was sent. */
export interface ArticleSnapshot {
  version: number;
  article: Article;
  sentAt: string;
  sentBy: string;
}

/** GET /api/validation: the latest version sent, as the enterprise's validation page shows it. */
export interface ValidationView {
  initiative: string;
  company: string;
  version: number;
  sentAt: string;
  article: Article;
  photos: (Omit<PublishedPhoto, 'variants'> & { variants: (PublishedPhoto['variants'][number] & { url: string })[] })[];
  status: ArticleStatus;
  /** True while this version awaits the enterprise's answer. */
  canAnswer: boolean;
  notice: string | null;
  approved: { at?: string; by?: string } | null;
  comments: { at: string; text: string }[];
  validationEnd: string;
  validationEndLabel: string;
}

export const saveArticleSchema = z.object({
  article: articleSchema,
  /** The revision the admin edited (absent for a first draft). */
  revision: z.optional(z.number().check(z.int(), z.minimum(0))),
});

export const sendArticleSchema = z.object({
  /** The version the admin previewed: a concurrent edit makes the send fail rather than send something unseen. */
  version: z.number().check(z.int(), z.minimum(1)),
});

export const approveSchema = z.object({
  version: z.number().check(z.int(), z.minimum(1)),
  name: z
    .string({ error: 'Indiquez votre nom pour valider.' })
    .check(
      z.trim(),
      z.minLength(2, 'Indiquez votre prénom et votre nom pour valider.'),
      z.maxLength(120, 'Nom\u00a0: 120 caractères au maximum.'),
    ),
});

export const changesSchema = z.object({
  version: z.number().check(z.int(), z.minimum(1)),
  comments: z
    .string({ error: 'Décrivez les modifications souhaitées.' })
    .check(
      z.trim(),
      z.minLength(5, 'Décrivez les modifications souhaitées (5 caractères au moins).'),
      z.maxLength(4000, 'Modifications\u00a0: 4000 caractères au maximum.'),
    ),
});

/** The version a save writes: the same while a draft, the next one once a version went out. */
export function draftVersion(current: ArticleRecord | undefined): number {
  if (!current) return 1;
  return current.status === 'draft' ? current.version : current.version + 1;
}

/** Photos an article may show: those checked and ready, by slot. */
export function photoIssues(article: Article, readySlots: number[]): FieldIssue[] {
  const unknown = article.photoOrder.filter((slot) => !readySlots.includes(slot));
  const duplicated = article.photoOrder.filter((slot, i) => article.photoOrder.indexOf(slot) !== i);
  return [
    ...unknown.map((slot) => ({
      field: 'photoOrder',
      message: `Photo ${slot}\u00a0: elle n’est pas disponible pour ce dossier.`,
    })),
    ...(duplicated.length ? [{ field: 'photoOrder', message: 'Chaque photo ne peut apparaître qu’une fois.' }] : []),
  ];
}

/** Why an article cannot be sent to the enterprise now, or undefined when it can. */
export function sendRefusal(
  app: { decision?: { outcome: string }; decisionSentAt?: string },
  campaign: Pick<Campaign, 'dates'>,
  now: Date,
): string | undefined {
  if (app.decision?.outcome !== 'selected') return 'Seules les initiatives retenues ont un article à valider.';
  // Sending earlier would tell the enterprise it is selected before the announcement.
  if (!app.decisionSentAt)
    return 'La décision n’a pas encore été annoncée\u00a0: l’article pourra être envoyé après l’annonce des décisions.';
  if (now.getTime() > Date.parse(campaign.dates.validationEnd))
    return 'La période de validation des articles est terminée.';
  return undefined;
}

export type EnterpriseAnswer = { action: 'approve' } | { action: 'changes'; text: string };

/**
 * What an answer of the enterprise does to the record as it stands: `apply` when the version read
 * is the one awaiting an answer; `replay` when this very answer is already recorded (a double click,
 * a retried request): nothing is written or emailed again; otherwise a French reason.
 */
export function answerOutcome(
  record: ArticleRecord,
  answer: EnterpriseAnswer,
  version: number,
  campaign: Pick<Campaign, 'dates'>,
  now: Date,
): { kind: 'apply' } | { kind: 'replay' } | { kind: 'refused'; message: string } {
  if (answer.action === 'approve' && record.approvedVersion === version) return { kind: 'replay' };
  if (answer.action === 'changes' && record.comments.some((c) => c.version === version && c.text === answer.text))
    return { kind: 'replay' };
  if (now.getTime() > Date.parse(campaign.dates.validationEnd)) {
    return {
      kind: 'refused',
      message:
        'La période de validation est terminée\u00a0: pour toute question, répondez au courriel de l’équipe communication.',
    };
  }
  if (record.status === 'draft') {
    return {
      kind: 'refused',
      message: 'L’équipe communication prépare une nouvelle version de l’article\u00a0: vous la recevrez par courriel.',
    };
  }
  if (record.sentVersion !== version) {
    return {
      kind: 'refused',
      message: 'Une nouvelle version de l’article vous a été envoyée\u00a0: rechargez la page pour la lire.',
    };
  }
  if (record.status === 'approved') return { kind: 'refused', message: 'Cet article est déjà validé.' };
  // `sent`, or `changes-requested` on this version: the enterprise may add a remark or approve after all.
  return { kind: 'apply' };
}

/** A first draft from the application: the description as body, its links, its photos with their captions. */
export function suggestArticle(
  fields: Partial<DraftFields>,
  photos: { slot: number; caption?: string; credit?: string }[],
): Article {
  const initiative = fields.initiative ?? {};
  const links = [
    ['Site web', initiative.website],
    ['Twitter / X', initiative.twitter],
    ['Facebook', initiative.facebook],
    ['Autre lien', initiative.otherLinks],
  ]
    .filter((pair): pair is [string, string] => Boolean(pair[1]))
    .map(([label, url]) => ({ label, url }));
  return {
    title: initiative.name ?? '',
    lead: '',
    body: initiative.description ?? '',
    moreInfo: '',
    links,
    photoOrder: photos.map((p) => p.slot),
    photoTexts: Object.fromEntries(
      photos.map((p) => [String(p.slot), { caption: p.caption ?? '', credit: p.credit ?? '' }]),
    ),
  };
}

/** A photo as the article, the site and the compilation read it from its record. */
export interface PhotoSource {
  slot: number;
  state?: string;
  width?: number;
  height?: number;
  caption?: string;
  credit?: string;
  variants?: { width: number; height: number; format: 'jpeg' | 'webp'; key: string }[];
}

/** The article's photos in its order (cover first), with the article's captions and credits, else the applicant's. */
export function articlePhotos(
  article: Pick<Article, 'photoOrder' | 'photoTexts'>,
  photos: PhotoSource[],
): PublishedPhoto[] {
  return article.photoOrder.flatMap((slot) => {
    const photo = photos.find((p) => p.slot === slot && p.state === 'ready' && p.variants?.length);
    if (!photo) return [];
    const texts = article.photoTexts[String(slot)];
    return [
      {
        slot,
        width: photo.width ?? 0,
        height: photo.height ?? 0,
        caption: texts?.caption || photo.caption || '',
        credit: texts?.credit || photo.credit || '',
        variants: (photo.variants ?? []).map(({ width, height, format, key }) => ({ width, height, format, key })),
      },
    ];
  });
}

/** What the public site shows of a file and its article: the same for the publication and the console's preview. */
export function publishedInitiative(
  app: { id: string; fields: Partial<DraftFields> },
  article: Article,
  photos: PhotoSource[],
  approvedAt: string,
): PublishedInitiative {
  const company = app.fields.company ?? {};
  return {
    id: app.id,
    slug: slugify(article.title) || app.id,
    axis: app.fields.initiative?.axis ?? '',
    article,
    company: {
      name: company.name ?? '',
      city: company.city ?? '',
      region: company.region ?? '',
      department: company.department ?? '',
    },
    website: app.fields.initiative?.website || undefined,
    photos: articlePhotos(article, photos),
    approvedAt,
  };
}

/** Validation links stay readable until the votes close: the enterprise can look back at what it approved. */
export function validationTokenExpiry(campaign: Pick<Campaign, 'dates'>): number {
  return Math.floor(Date.parse(campaign.dates.votingClose) / 1000);
}

/** `/validation/#jeton=<token>`: the fragment never reaches a server or a Referer header. */
export function validationUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/validation/#jeton=${token}`;
}
