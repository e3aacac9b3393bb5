import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import { axisLabel, AXES } from './axes.ts';
import { ZONE, type Campaign } from './campaign.ts';
import type { ApplicationStatus, DraftFields } from './application.ts';
import { ARTICLE_LABELS, type ArticleStatus } from './article.ts';
import type { FieldIssue } from './errors.ts';
import { excelCsv } from './spreadsheet.ts';
import { fold } from './french.ts';

/** What the console needs of a file, derived from its record alone (the list never reads photos one by one). */
export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  fields: Partial<DraftFields>;
  missing: FieldIssue[];
  decision?: { outcome: 'selected' | 'not-selected' };
  /** « NTA-2028-0042 », once the file has been complete. */
  reference?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AdminRow {
  id: string;
  status: ApplicationStatus;
  complete: boolean;
  company: string;
  initiative: string;
  axis: string;
  region: string;
  department: string;
  contact: string;
  email: string;
  missingCount: number;
  decision: 'selected' | 'not-selected' | 'none';
  createdAt: string;
  updatedAt: string;
}

export function adminRow(s: ApplicationSummary): AdminRow {
  const f = s.fields;
  return {
    id: s.id,
    status: s.status,
    complete: s.status === 'complete',
    company: f.company?.name ?? '',
    initiative: f.initiative?.name ?? '',
    axis: f.initiative?.axis ?? '',
    region: f.company?.region ?? '',
    department: f.company?.department ?? '',
    contact: [f.contact?.firstName, f.contact?.lastName].filter(Boolean).join(' '),
    email: f.contact?.email ?? '',
    missingCount: s.missing?.length ?? 0,
    decision: s.decision?.outcome ?? 'none',
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export const listFiltersSchema = z.object({
  status: z.optional(z.enum(['draft', 'incomplete', 'complete'])),
  axis: z.optional(z.string()),
  region: z.optional(z.string()),
  decision: z.optional(z.enum(['selected', 'not-selected', 'none'])),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  sort: z._default(z.enum(['createdAt', '-createdAt', 'initiative', 'company', 'region']), '-createdAt'),
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

export function filterRows(rows: AdminRow[], filters: ListFilters): AdminRow[] {
  const q = filters.q ? fold(filters.q) : '';
  const kept = rows.filter(
    (r) =>
      (!filters.status || r.status === filters.status) &&
      (!filters.axis || r.axis === filters.axis) &&
      (!filters.region || r.region === filters.region) &&
      (!filters.decision || r.decision === filters.decision) &&
      (!q || fold(`${r.company} ${r.initiative} ${r.contact} ${r.email} ${r.region} ${r.department}`).includes(q)),
  );
  const key = filters.sort.replace('-', '') as keyof AdminRow;
  const direction = filters.sort.startsWith('-') ? -1 : 1;
  return kept.sort((a, b) => direction * String(a[key]).localeCompare(String(b[key]), 'fr'));
}

const countBy = (rows: AdminRow[], key: (r: AdminRow) => string) =>
  rows.reduce<Record<string, number>>((acc, r) => {
    const k = key(r) || 'non renseigné';
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

const NEXT_STEPS: { field: keyof Campaign['dates']; label: string }[] = [
  { field: 'deadline', label: 'Clôture des dépôts' },
  { field: 'notification', label: 'Annonce des décisions' },
  { field: 'validationEnd', label: 'Fin de la validation des articles' },
  { field: 'launch', label: 'Lancement du site' },
  { field: 'votingClose', label: 'Clôture des votes' },
];

export type Dashboard = ReturnType<typeof dashboard>;
export function dashboard(rows: AdminRow[], campaign: Campaign, now: Date) {
  const next = NEXT_STEPS.find((s) => Date.parse(campaign.dates[s.field]) > now.getTime());
  const daysUntil = (iso: string) =>
    Math.ceil(
      DateTime.fromISO(iso, { zone: ZONE })
        .startOf('day')
        .diff(DateTime.fromJSDate(now, { zone: ZONE }).startOf('day'), 'days').days,
    );
  return {
    total: rows.length,
    byStatus: countBy(rows, (r) => r.status),
    byAxis: Object.fromEntries(AXES.map((a) => [a.label, rows.filter((r) => r.axis === a.id).length])),
    byRegion: countBy(rows, (r) => r.region),
    selected: rows.filter((r) => r.decision === 'selected').length,
    target: campaign.target,
    phase: campaign.phase,
    dates: campaign.dates,
    next: next
      ? { label: next.label, at: campaign.dates[next.field], days: daysUntil(campaign.dates[next.field]) }
      : undefined,
  };
}

const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'brouillon',
  incomplete: 'incomplet',
  complete: 'complet',
};
const DECISION_LABELS = { selected: 'retenu', 'not-selected': 'non retenu', none: '' } as const;

/** A file as the CSV export gives it: everything the team may need in a spreadsheet. */
export interface CsvFile extends ApplicationSummary {
  decision?: { outcome: 'selected' | 'not-selected'; relevance?: string; results?: string; comment?: string };
  articleStatus?: string | null;
  /** The widest processed variant of each photo, as absolute URLs. */
  photoUrls: string[];
}

const CSV_COLUMNS: [header: string, value: (f: CsvFile, paris: (iso: string) => string) => string | number][] = [
  ['Identifiant', (f) => f.id],
  ['Initiative', (f) => f.fields.initiative?.name ?? ''],
  ['Axe', (f) => axisLabel(f.fields.initiative?.axis ?? '')],
  ['Description', (f) => f.fields.initiative?.description ?? ''],
  ['Site web', (f) => f.fields.initiative?.website ?? ''],
  ['Compte Twitter / X', (f) => f.fields.initiative?.twitter ?? ''],
  ['Page Facebook', (f) => f.fields.initiative?.facebook ?? ''],
  ['Autre lien', (f) => f.fields.initiative?.otherLinks ?? ''],
  ['Entreprise', (f) => f.fields.company?.name ?? ''],
  ['Adresse', (f) => f.fields.company?.address ?? ''],
  ['Code postal', (f) => f.fields.company?.postalCode ?? ''],
  ['Ville', (f) => f.fields.company?.city ?? ''],
  ['Département', (f) => f.fields.company?.department ?? ''],
  ['Région', (f) => f.fields.company?.region ?? ''],
  ['Nom', (f) => f.fields.contact?.lastName ?? ''],
  ['Prénom', (f) => f.fields.contact?.firstName ?? ''],
  ['Fonction', (f) => f.fields.contact?.role ?? ''],
  ['Téléphone', (f) => f.fields.contact?.phone ?? ''],
  ['Courriel', (f) => f.fields.contact?.email ?? ''],
  ['Statut', (f) => STATUS_LABELS[f.status]],
  ['Référence', (f) => f.reference ?? ''],
  ['Éléments manquants', (f) => (f.missing ?? []).map((m) => m.message).join('\n')],
  ['Décision', (f) => DECISION_LABELS[f.decision?.outcome ?? 'none']],
  ['Pertinence (décision)', (f) => f.decision?.relevance ?? ''],
  ['Résultats (décision)', (f) => f.decision?.results ?? ''],
  ['Commentaire (décision)', (f) => f.decision?.comment ?? ''],
  ['Article', (f) => ARTICLE_LABELS[(f.articleStatus ?? 'none') as ArticleStatus | 'none'] ?? f.articleStatus ?? ''],
  ['Photos', (f) => f.photoUrls.join('\n')],
  ['Créé le', (f, paris) => paris(f.createdAt)],
  ['Modifié le', (f, paris) => paris(f.updatedAt)],
];

/**
 * The applications for Excel (see excelCsv), dates in Paris time, every field of the form, the decision with its notes, the article's status and the photos' links;
 * lists (missing items, photos) one per line inside their cell.
 */
export function filesToCsv(files: CsvFile[]): string {
  const paris = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
  return excelCsv(
    CSV_COLUMNS.map(([header]) => header),
    files.map((f) => CSV_COLUMNS.map(([, value]) => value(f, paris))),
  );
}
