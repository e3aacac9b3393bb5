import Handlebars from 'handlebars';
import * as z from 'zod/mini';
import { axisLabel } from './axes.ts';
import { paragraphs, type PublishedInitiative } from './article.ts';
import { typeset, typesetTemplate } from './french.ts';
import { FEDERATION, SITE_NAME } from './site/federation.ts';
import { initiativeUrls } from './site/paths.ts';
import { mediaUrl } from './site/pictures.ts';

/**
 * The newsletter selection (seed 000: « une sélection sera mise en avant dans une série spéciale
 * d'une newsletter »): the team picks published initiatives, orders them and writes a short text for
 * each, with an optional intro; the export is an HTML block to paste into the federation's
 * newsletter tool, and its plain-text version. Email clients (Outlook's Word engine, Gmail) drop
 * `<style>` and scripts and ignore most CSS: tables for layout, inline styles only, images with
 * their width, height and alt, every URL absolute.
 */

export const newsletterSelectionSchema = z.object({
  intro: z._default(z.string().check(z.trim(), z.maxLength(1500, 'Introduction : 1500 caractères au maximum.')), ''),
  items: z
    .array(
      z.object({
        initiativeId: z.string().check(z.minLength(1), z.maxLength(100)),
        text: z._default(z.string().check(z.trim(), z.maxLength(600, 'Texte court : 600 caractères au maximum.')), ''),
      }),
    )
    .check(
      z.maxLength(20, '20 initiatives au plus dans une lettre.'),
      z.refine(
        (items) => new Set(items.map((i) => i.initiativeId)).size === items.length,
        'Une initiative ne figure qu’une fois dans la lettre.',
      ),
    ),
});
export type NewsletterSelection = z.infer<typeof newsletterSelectionSchema>;

/** The block's width: the usual width of newsletter templates. */
const WIDTH = 600;
const IMAGE_WIDTH = WIDTH - 40;
/** The cover's variant fetched by the email: sharp enough on high-density screens, light enough to load. */
const IMAGE_VARIANT = 800;

interface ItemView {
  title: string;
  company: string;
  place: string;
  axis: string;
  url: string;
  text: string[];
  image?: { src: string; width: number; height: number; alt: string };
}

const hb = Handlebars.create();
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const html = hb.compile(
  typesetTemplate(`<table role="presentation" width="${WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:${WIDTH}px;max-width:100%;border-collapse:collapse;background:#ffffff;">
<tr><td style="padding:20px 20px 8px 20px;${FONT}font-size:22px;line-height:28px;font-weight:bold;color:#0b6e4f;">{{heading}}</td></tr>
{{#each intro}}<tr><td style="padding:0 20px 12px 20px;${FONT}font-size:15px;line-height:22px;color:#1f2a2e;">{{this}}</td></tr>
{{/each}}{{#each items}}<tr><td style="padding:16px 20px 0 20px;border-top:1px solid #c9d6d2;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
{{#if image}}<tr><td style="padding:0 0 10px 0;"><a href="{{url}}" style="text-decoration:none;"><img src="{{image.src}}" width="{{image.width}}" height="{{image.height}}" alt="{{image.alt}}" style="display:block;width:100%;max-width:{{image.width}}px;height:auto;border:0;"></a></td></tr>
{{/if}}<tr><td style="${FONT}font-size:12px;line-height:16px;color:#5b6b70;">{{axis}} · {{place}}</td></tr>
<tr><td style="padding:4px 0 2px 0;${FONT}font-size:18px;line-height:24px;font-weight:bold;"><a href="{{url}}" style="color:#0b6e4f;text-decoration:none;">{{title}}</a></td></tr>
<tr><td style="padding:0 0 8px 0;${FONT}font-size:14px;line-height:20px;color:#1f2a2e;font-weight:bold;">{{company}}</td></tr>
{{#each text}}<tr><td style="padding:0 0 8px 0;${FONT}font-size:15px;line-height:22px;color:#1f2a2e;">{{this}}</td></tr>
{{/each}}<tr><td style="padding:0 0 16px 0;${FONT}font-size:15px;line-height:22px;"><a href="{{url}}" style="color:#0b6e4f;font-weight:bold;">Lire l'initiative sur la plateforme</a></td></tr>
</table></td></tr>
{{/each}}<tr><td style="padding:12px 20px 20px 20px;border-top:1px solid #c9d6d2;${FONT}font-size:13px;line-height:19px;color:#5b6b70;">Toutes les initiatives : <a href="{{siteUrl}}/" style="color:#0b6e4f;">{{siteLabel}}</a></td></tr>
</table>`),
  { strict: true },
);

export interface NewsletterInput {
  campaign: { title: string };
  selection: NewsletterSelection;
  /** The campaign's published initiatives (the selection names some of them). */
  published: PublishedInitiative[];
  /** Public origin of the site: every URL of the block starts with it. */
  siteUrl: string;
}

/** The email-ready block `{html, text}`; initiatives no longer published are left out. */
export function newsletterExport(input: NewsletterInput): { html: string; text: string; missing: string[] } {
  const siteUrl = input.siteUrl.replace(/\/+$/, '');
  const urls = initiativeUrls(input.published);
  const byId = new Map(input.published.map((p) => [p.id, p]));
  const missing = input.selection.items.filter((i) => !byId.has(i.initiativeId)).map((i) => i.initiativeId);
  const items: ItemView[] = input.selection.items.flatMap(({ initiativeId, text }) => {
    const initiative = byId.get(initiativeId);
    if (!initiative) return [];
    const cover = initiative.photos[0];
    const variant = cover?.variants
      .filter((v) => v.format === 'jpeg')
      .sort((a, b) => a.width - b.width)
      .reduce<(typeof cover.variants)[number] | undefined>(
        (best, v) => (!best || best.width < IMAGE_VARIANT ? v : best),
        undefined,
      );
    const { city, region } = initiative.company;
    return [
      {
        title: initiative.article.title,
        company: initiative.company.name,
        place: [city, region].filter(Boolean).join(', '),
        axis: typeset(axisLabel(initiative.axis)),
        url: `${siteUrl}${urls.get(initiative.id)}`,
        // The team's short text, else the article's lead.
        text: paragraphs(text || initiative.article.lead),
        image: variant
          ? {
              src: `${siteUrl}${mediaUrl(variant.key)}`,
              width: IMAGE_WIDTH,
              height: Math.round((IMAGE_WIDTH * variant.height) / variant.width),
              alt: cover!.caption || initiative.article.title,
            }
          : undefined,
      },
    ];
  });
  const heading = typeset(`${SITE_NAME} : notre sélection`);
  const intro = paragraphs(input.selection.intro);
  const siteLabel = siteUrl.replace(/^https?:\/\//, '');
  const text = [
    heading,
    ...intro,
    ...items.flatMap((i) => [
      '',
      `— ${i.title}`,
      `${i.company} · ${i.axis} · ${i.place}`,
      ...i.text,
      typeset(`Lire l'initiative : ${i.url}`),
    ]),
    '',
    typeset(`Toutes les initiatives : ${siteUrl}/`),
    `${FEDERATION.name} — ${FEDERATION.websiteLabel}`,
  ].join('\n');
  return { html: html({ heading, intro, items, siteUrl, siteLabel }), text, missing };
}
