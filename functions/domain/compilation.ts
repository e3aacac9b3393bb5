import * as z from 'zod/mini';
import { AXES } from './axes.ts';
import { articlePhotos, type PhotoSource } from './article-workflow.ts';
import { paragraphs, type Article, type PublishedPhoto } from './article.ts';
import type { DraftFields } from './application.ts';
import { plural, typeset } from './french.ts';
import { FEDERATION, SITE_NAME } from './site/federation.ts';

/**
 * The printed compilation (« recueil », seed 000: « tous les projets retournés figureront dans un
 * prochain recueil »): every file complete at the deadline, selected or not, minus those the team
 * excludes with a reason. A4 portrait: cover, editorial, contents by axis then region with page
 * numbers, one section per axis (a divider page, then one page per initiative, longer texts flowing
 * on), the federation's address on the back cover; running headers and page numbers.
 *
 * Pure: this module builds pdfmake's document definition (plain data) and says which photo variant
 * each image needs; functions/compilation/ loads the photos and runs pdfmake. Laid out with pdfmake
 * rather than HTML printed by a headless Chromium: it flows text over pages, places images and
 * resolves page references (the contents' page numbers) in plain JavaScript, embeds subsets of the
 * fonts it is given (DejaVu: Latin, Greek, Cyrillic, Arabic partly, Vietnamese), and keeps the
 * photos' JPEG bytes as they are; a Chromium for Lambda would weigh ~60 MB zipped, need a layer and
 * several times the memory (figures in README, `npm run bench -- compilation`).
 */

/** What the console may set: an editorial text, and files left out of the print with a reason. */
export const compilationRequestSchema = z.object({
  editorial: z._default(
    z.string().check(z.trim(), z.maxLength(4000, 'Éditorial\u00a0: 4000 caractères au maximum.')),
    '',
  ),
  exclusions: z._default(
    z
      .array(
        z.object({
          applicationId: z.string().check(z.minLength(1), z.maxLength(100)),
          reason: z
            .string()
            .check(
              z.trim(),
              z.minLength(3, 'Exclusion\u00a0: indiquez la raison (3 caractères au moins).'),
              z.maxLength(300, 'Exclusion\u00a0: 300 caractères au maximum.'),
            ),
        }),
      )
      .check(z.maxLength(1000)),
    [],
  ),
});
export type CompilationRequest = z.infer<typeof compilationRequestSchema>;

/** The `COMPILATION` item of a campaign: the latest generation asked for, and its outcome. */
export interface CompilationRecord extends CompilationRequest {
  campaignId: string;
  state: CompilationState;
  /** One per POST: the generation that finishes records its outcome only if it is still the latest. */
  requestId: string;
  requestedAt: string;
  requestedBy: string;
  finishedAt?: string;
  pages?: number;
  initiatives?: number;
  bytes?: number;
  /** Under COMPILATIONS_PREFIX in the uploads bucket. */
  key?: string;
  /** The lowest resolution of a printed photo, for the console. */
  minDpi?: number;
  error?: string;
}

export const COMPILATION_STATES = ['running', 'ready', 'failed'] as const;
export type CompilationState = (typeof COMPILATION_STATES)[number];

/** One file as the compilation needs it: its record, its photos, its article when approved. */
export interface CompilationSource {
  app: { id: string; fields: Partial<DraftFields> };
  photos: PhotoSource[];
  /** Approved article: its text and photo order are printed; otherwise the application's description. */
  article?: Article;
}

export interface CompilationEntry {
  id: string;
  axis: string;
  region: string;
  /** The initiative's name as filed. */
  initiative: string;
  /** The article's title when approved, else the initiative's name. */
  title: string;
  enterprise: string;
  place: string;
  lead?: string;
  paragraphs: string[];
  moreInfo?: string;
  links: string[];
  photos: PublishedPhoto[];
}

const byFrench = (a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'base' });

/** The initiatives in print order: by axis (the call's order), then region, then title. */
export function compilationEntries(
  sources: CompilationSource[],
  axes: readonly { id: string }[] = AXES,
): CompilationEntry[] {
  const axisRank = (id: string) => {
    const i = axes.findIndex((a) => a.id === id);
    return i < 0 ? axes.length : i;
  };
  return sources
    .map(({ app, photos, article }): CompilationEntry => {
      const company = app.fields.company ?? {};
      const initiative = app.fields.initiative ?? {};
      const name = initiative.name?.trim() || company.name || app.id;
      const place = [
        company.city,
        company.department && company.department !== company.city ? `(${company.department})` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const shared = {
        id: app.id,
        axis: initiative.axis ?? '',
        region: company.region?.trim() || 'Région non précisée',
        initiative: name,
        enterprise: company.name ?? '',
        place,
      };
      if (article) {
        return {
          ...shared,
          title: article.title,
          lead: article.lead,
          paragraphs: paragraphs(article.body),
          moreInfo: article.moreInfo || undefined,
          links: article.links.map((l) => l.url),
          photos: articlePhotos(article, photos),
        };
      }
      const slots = photos.map((p) => p.slot).sort((a, b) => a - b);
      return {
        ...shared,
        title: name,
        paragraphs: paragraphs(initiative.description ?? ''),
        links: [initiative.website, initiative.facebook, initiative.twitter, initiative.otherLinks].filter(
          (l): l is string => Boolean(l),
        ),
        photos: articlePhotos({ photoOrder: slots, photoTexts: {} }, photos),
      };
    })
    .sort(
      (a, b) =>
        axisRank(a.axis) - axisRank(b.axis) ||
        byFrench(a.region, b.region) ||
        byFrench(a.title, b.title) ||
        a.id.localeCompare(b.id),
    );
}

// Layout, in PDF points (1/72 in). A4 portrait with 20 mm side margins: a 170 mm text block.
const MM = 72 / 25.4;
export const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGINS: [number, number, number, number] = [20 * MM, 24 * MM, 20 * MM, 22 * MM];
const CONTENT_WIDTH = PAGE.width - MARGINS[0] - MARGINS[2];
const GUTTER = 4 * MM;
/** The cover photo spans the text block; the others sit three in a row under the text. */
export const PHOTO_BOXES = {
  cover: { width: CONTENT_WIDTH, height: 95 * MM },
  row: { width: (CONTENT_WIDTH - 2 * GUTTER) / 3, height: 40 * MM },
} as const;
/** Print shops ask for 300 dpi; 150 dpi is the floor the call's printed compilation accepts. */
export const TARGET_DPI = 300;
export const MIN_DPI = 150;

export interface PrintedImage {
  /** The media bucket key of the JPEG variant placed (pdfkit embeds JPEG bytes as they are; no WebP). */
  key: string;
  width: number;
  height: number;
  /** Its size on paper, in points. */
  fit: [number, number];
  dpi: number;
}

/**
 * The JPEG variant to print in a box: the smallest that reaches TARGET_DPI at its printed size, else
 * the largest; printed smaller than the box when even that would fall under MIN_DPI.
 */
export function printedImage(
  photo: Pick<PublishedPhoto, 'variants'>,
  box: { width: number; height: number },
): PrintedImage | undefined {
  const jpegs = photo.variants
    .filter((v) => v.format === 'jpeg' && v.width > 0 && v.height > 0)
    .sort((a, b) => a.width - b.width);
  if (!jpegs.length) return undefined;
  const printedWidth = (v: (typeof jpegs)[number]) => Math.min(box.width, (box.height * v.width) / v.height);
  const dpiOf = (v: (typeof jpegs)[number], width: number) => (v.width / width) * 72;
  const chosen = jpegs.find((v) => dpiOf(v, printedWidth(v)) >= TARGET_DPI) ?? jpegs[jpegs.length - 1]!;
  const width = Math.min(printedWidth(chosen), (chosen.width / MIN_DPI) * 72);
  const height = (width * chosen.height) / chosen.width;
  return {
    key: chosen.key,
    width: chosen.width,
    height: chosen.height,
    fit: [round(width), round(height)],
    dpi: Math.round(dpiOf(chosen, width)),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

export interface CompilationInput {
  campaign: {
    id: string;
    title: string;
    year: number;
    axes: readonly { id: string; label: string; description: string }[];
  };
  editorial: string;
  entries: CompilationEntry[];
}

/** A pdfmake node: plain data (pdfmake has no types of its own for Node). */
type Node = Record<string, unknown> | string;

export interface CompilationDocument {
  /** pdfmake's document definition; `images` names media keys, which the renderer loads. */
  definition: Record<string, unknown>;
  images: PrintedImage[];
  /** After layout: the page count pdfmake gave the footers (every section but the covers has one). */
  pages: () => number;
}

const COLORS = { ink: '#1f2a2e', accent: '#0b6e4f', muted: '#5b6b70', rule: '#c9d6d2', cover: '#0b6e4f' };

export const DEFAULT_EDITORIAL =
  'Chaque année, les entreprises du réseau racontent ce qu’elles inventent pour l’emploi, pour leur territoire et pour la planète. Ce recueil réunit toutes les initiatives qu’elles nous ont confiées lors de cette édition, qu’elles figurent ou non sur la plateforme en ligne.\n\n' +
  'Elles sont classées par axe, puis par région\u00a0: feuilletez-les comme un carnet de route, prenez contact avec celles et ceux qui les portent et puisez-y des idées pour votre territoire. Merci à toutes les équipes qui ont pris le temps de les décrire.';

const regionAnchor = (axis: string, region: string) => `region-${axis}-${region}`;
const textParagraphs = (list: string[], style: string) => list.map((p) => ({ text: p, style }));

function photoNode(
  photo: PublishedPhoto,
  image: PrintedImage,
  images: Map<string, PrintedImage>,
  align: 'center' | 'left',
): Node {
  images.set(image.key, image);
  const credit = photo.credit ? `© ${photo.credit}` : '';
  const legend = [photo.caption, credit].filter(Boolean).join(' — ');
  return {
    unbreakable: true,
    stack: [
      { image: image.key, fit: image.fit, alignment: align },
      ...(legend ? [{ text: legend, style: 'caption', alignment: align }] : []),
    ],
  };
}

function entryPage(
  entry: CompilationEntry,
  axisLabel: string,
  firstOfRegion: boolean,
  images: Map<string, PrintedImage>,
): Node[] {
  const [cover, ...others] = entry.photos;
  const coverImage = cover && printedImage(cover, PHOTO_BOXES.cover);
  const rowPhotos = others.flatMap((photo) => {
    const image = printedImage(photo, PHOTO_BOXES.row);
    return image ? [{ photo, image }] : [];
  });
  return [
    {
      text: `${entry.region} · ${axisLabel}`,
      style: 'kicker',
      pageBreak: 'before',
      ...(firstOfRegion ? { id: regionAnchor(entry.axis, entry.region) } : {}),
    },
    { text: entry.title, style: 'title', id: `initiative-${entry.id}` },
    ...(entry.title !== entry.initiative ? [{ text: entry.initiative, style: 'initiative' }] : []),
    {
      text: [
        { text: entry.enterprise, bold: true },
        entry.place ? ` — ${entry.place}, ${entry.region}` : ` — ${entry.region}`,
      ],
      style: 'enterprise',
    },
    ...(coverImage ? [photoNode(cover!, coverImage, images, 'center')] : []),
    ...(entry.lead ? [{ text: entry.lead, style: 'lead' }] : []),
    ...textParagraphs(entry.paragraphs, 'body'),
    ...(entry.moreInfo
      ? [{ text: [{ text: `En savoir plus\u00a0: `, bold: true }, entry.moreInfo], style: 'body' }]
      : []),
    ...(entry.links.length ? [{ text: entry.links.join('   '), style: 'links' }] : []),
    ...(rowPhotos.length
      ? [
          {
            columns: rowPhotos.map(({ photo, image }) => ({
              width: PHOTO_BOXES.row.width,
              stack: [photoNode(photo, image, images, 'left')],
            })),
            columnGap: GUTTER,
            margin: [0, 8, 0, 0],
          },
        ]
      : []),
  ];
}

const TOC_MARGINS = { tocAxis: 8, tocRegion: 3, tocEntry: 0 } as const;

/** The contents: each axis, each region in it, each initiative, with the page where it starts. */
function contents(
  input: CompilationInput,
  groups: { axis: { id: string; label: string }; regions: [string, CompilationEntry[]][] }[],
): Node[] {
  // Both cells of a row get the same vertical margins, so that the number sits on the label's line.
  const row = (label: Node, anchor: string, style: keyof typeof TOC_MARGINS, indent: number) => [
    { text: label, style, margin: [indent, TOC_MARGINS[style], 0, 1] },
    { text: '00', pageReference: anchor, style, alignment: 'right', margin: [4, TOC_MARGINS[style], 0, 1] },
  ];
  const body = groups.flatMap(({ axis, regions }) => [
    row(axis.label, `axis-${axis.id}`, 'tocAxis', 0),
    ...regions.flatMap(([region, entries]) => [
      row(region, regionAnchor(axis.id, region), 'tocRegion', 10),
      ...entries.map((e) =>
        row(
          { text: [e.title, { text: ` — ${e.enterprise}`, color: COLORS.muted }] },
          `initiative-${e.id}`,
          'tocEntry',
          20,
        ),
      ),
    ]),
  ]);
  return [
    { text: 'Sommaire', style: 'pageTitle' },
    body.length
      ? { table: { widths: ['*', 'auto'], body, dontBreakRows: true }, layout: 'noBorders' }
      : {
          text: 'Aucun dossier complet à la date limite\u00a0: ce recueil n’a pas d’initiative.',
          style: 'body',
        },
  ];
}

/** pdfmake's definition of the whole compilation, and the photo variants it places. */
export function compilationDocument(input: CompilationInput): CompilationDocument {
  const { campaign } = input;
  const images = new Map<string, PrintedImage>();
  const axes = [
    ...campaign.axes,
    ...[...new Set(input.entries.map((e) => e.axis))]
      .filter((id) => !campaign.axes.some((a) => a.id === id))
      .map((id) => ({ id, label: id, description: '' })),
  ];
  const groups = axes
    .map((axis) => {
      const entries = input.entries.filter((e) => e.axis === axis.id);
      const regions = new Map<string, CompilationEntry[]>();
      for (const e of entries) regions.set(e.region, [...(regions.get(e.region) ?? []), e]);
      return { axis, entries, regions: [...regions] };
    })
    .filter((g) => g.entries.length);

  const runningTitle = `${SITE_NAME} — ${campaign.year}`;
  let pageCount = 0;
  const pageNumber = (page: number, count: number) => {
    pageCount = count;
    return folio(page);
  };
  const folio = (page: number) => ({
    text: String(page),
    alignment: 'center',
    style: 'folio',
    margin: [0, 8 * MM, 0, 0],
  });
  const header = (label: string) => (page: number) => ({
    // Facing pages: the section's title on the right-hand (odd) page, the edition's on the left-hand one.
    text: page % 2 ? label : runningTitle,
    alignment: page % 2 ? 'right' : 'left',
    style: 'running',
    margin: [MARGINS[0], 11 * MM, MARGINS[2], 0],
  });
  const editorial = input.editorial.trim() || DEFAULT_EDITORIAL;

  const content: Node[] = [
    {
      section: [
        { text: SITE_NAME, style: 'coverTitle', margin: [0, 70 * MM, 0, 0] },
        { text: 'Recueil des initiatives', style: 'coverSubtitle' },
        { text: String(campaign.year), style: 'coverYear' },
        { text: campaign.title, style: 'coverCampaign' },
        { text: plural(input.entries.length, 'initiative', 'initiatives'), style: 'coverCampaign' },
        { text: FEDERATION.name, style: 'coverFederation', margin: [0, 60 * MM, 0, 0] },
        { text: FEDERATION.description, style: 'coverCampaign' },
      ],
      header: null,
      footer: null,
      background: () => ({
        canvas: [{ type: 'rect', x: 0, y: 0, w: PAGE.width, h: PAGE.height, color: COLORS.cover }],
      }),
    },
    {
      section: [{ text: 'Éditorial', style: 'pageTitle' }, ...textParagraphs(paragraphs(editorial), 'body')],
      header: null,
      footer: pageNumber,
      background: null,
    },
    { section: contents(input, groups), header: header('Sommaire'), footer: pageNumber, background: null },
    ...groups.map(({ axis, regions }) => {
      const count = regions.reduce((n, [, e]) => n + e.length, 0);
      return {
        section: [
          { text: 'Axe', style: 'axisKicker', margin: [0, 60 * MM, 0, 0] },
          { text: typeset(axis.label), style: 'axisTitle', id: `axis-${axis.id}` },
          ...(axis.description ? [{ text: typeset(axis.description), style: 'axisDescription' }] : []),
          {
            text: `${plural(count, 'initiative', 'initiatives')}, ${plural(regions.length, 'région', 'régions')}`,
            style: 'axisCount',
          },
          ...regions.flatMap(([, entries]) =>
            entries.flatMap((entry, i) => entryPage(entry, axis.label, i === 0, images)),
          ),
        ],
        header: header(axis.label),
        footer: pageNumber,
        background: null,
      };
    }),
    {
      section: [
        { text: SITE_NAME, style: 'backTitle', margin: [0, 150 * MM, 0, 0] },
        { text: `${FEDERATION.name} — ${FEDERATION.description}`, style: 'backText' },
        { text: `${FEDERATION.street}, ${FEDERATION.postalCode} ${FEDERATION.city}`, style: 'backText' },
        {
          text: `Téléphone\u00a0: ${FEDERATION.phone} · ${FEDERATION.email} · ${FEDERATION.websiteLabel}`,
          style: 'backText',
        },
      ],
      header: null,
      footer: null,
      background: null,
    },
  ];

  const definition = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    info: { title: `${SITE_NAME} — ${campaign.title}`, author: FEDERATION.name, subject: 'Recueil des initiatives' },
    language: 'fr-FR',
    content,
    images: Object.fromEntries([...images.keys()].map((key) => [key, key])),
    defaultStyle: { font: 'DejaVu', fontSize: 9.5, lineHeight: 1.25, color: COLORS.ink },
    styles: {
      coverTitle: { fontSize: 30, bold: true, color: '#ffffff', alignment: 'center' },
      coverSubtitle: { fontSize: 16, color: '#ffffff', alignment: 'center', margin: [0, 6, 0, 0] },
      coverYear: { fontSize: 44, bold: true, color: '#ffffff', alignment: 'center', margin: [0, 24, 0, 24] },
      coverCampaign: { fontSize: 11, color: '#ffffff', alignment: 'center', margin: [0, 2, 0, 0] },
      coverFederation: { fontSize: 14, bold: true, color: '#ffffff', alignment: 'center' },
      pageTitle: { fontSize: 20, bold: true, color: COLORS.accent, margin: [0, 0, 0, 14] },
      running: { fontSize: 7.5, color: COLORS.muted },
      folio: { fontSize: 8, color: COLORS.muted },
      tocAxis: { fontSize: 11, bold: true, color: COLORS.accent },
      tocRegion: { fontSize: 9.5, bold: true },
      tocEntry: { fontSize: 9 },
      axisKicker: { fontSize: 12, color: COLORS.muted, alignment: 'center' },
      axisTitle: { fontSize: 24, bold: true, color: COLORS.accent, alignment: 'center', margin: [0, 4, 0, 14] },
      axisDescription: { fontSize: 10.5, alignment: 'center', margin: [30, 0, 30, 12] },
      axisCount: { fontSize: 10, color: COLORS.muted, alignment: 'center' },
      kicker: { fontSize: 8, color: COLORS.muted, characterSpacing: 0.3, margin: [0, 0, 0, 4] },
      title: { fontSize: 17, bold: true, color: COLORS.accent, margin: [0, 0, 0, 3] },
      initiative: { fontSize: 10.5, italics: true, margin: [0, 0, 0, 2] },
      enterprise: { fontSize: 9.5, margin: [0, 0, 0, 8] },
      lead: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 6] },
      body: { alignment: 'justify', margin: [0, 0, 0, 6] },
      links: { fontSize: 8.5, color: COLORS.accent, margin: [0, 2, 0, 4] },
      caption: { fontSize: 7.5, italics: true, color: COLORS.muted, margin: [0, 2, 0, 4] },
      backTitle: { fontSize: 16, bold: true, color: COLORS.accent, alignment: 'center', margin: [0, 0, 0, 10] },
      backText: { fontSize: 9.5, alignment: 'center', margin: [0, 2, 0, 0] },
    },
  };
  return { definition, images: [...images.values()], pages: () => pageCount };
}

/** Where the PDF of one generation is written (uploads bucket, private; a lifecycle rule removes it). */
export const COMPILATIONS_PREFIX = 'compilations/';
export const compilationKey = (campaignId: string, requestId: string) =>
  `${COMPILATIONS_PREFIX}${campaignId}/${requestId}.pdf`;
/** The console's file name: « recueil-2028.pdf ». */
export const compilationFileName = (year: number) => `recueil-${year}.pdf`;
