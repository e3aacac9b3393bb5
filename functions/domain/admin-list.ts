import { DateTime } from 'luxon';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { axisLabel, AXES } from './axes.ts';
import { ZONE, type Campaign } from './campaign.ts';
import type { ApplicationStatus, DraftFields } from './application.ts';
import type { FieldIssue } from './errors.ts';

/** What the console needs of a file, derived from its record alone (the list never reads photos one by one). */
export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  fields: Partial<DraftFields>;
  missing: FieldIssue[];
  decision?: { outcome: 'selected' | 'not-selected' };
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
  status: z.enum(['draft', 'incomplete', 'complete']).optional(),
  axis: z.string().optional(),
  region: z.string().optional(),
  decision: z.enum(['selected', 'not-selected', 'none']).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['createdAt', '-createdAt', 'initiative', 'company', 'region']).default('-createdAt'),
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

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

export function dashboard(rows: AdminRow[], campaign: Campaign, now: Date) {
  const next = NEXT_STEPS.find((s) => Date.parse(campaign.dates[s.field]) > now.getTime());
  const days = next
    ? Math.ceil(
        DateTime.fromISO(campaign.dates[next.field], { zone: ZONE })
          .startOf('day')
          .diff(DateTime.fromJSDate(now, { zone: ZONE }).startOf('day'), 'days').days,
      )
    : undefined;
  return {
    total: rows.length,
    byStatus: countBy(rows, (r) => r.status),
    byAxis: Object.fromEntries(AXES.map((a) => [a.label, rows.filter((r) => r.axis === a.id).length])),
    byRegion: countBy(rows, (r) => r.region),
    selected: rows.filter((r) => r.decision === 'selected').length,
    target: campaign.target,
    phase: campaign.phase,
    dates: campaign.dates,
    next: next ? { label: next.label, at: campaign.dates[next.field], days } : undefined,
  };
}

const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'brouillon',
  incomplete: 'incomplet',
  complete: 'complet',
};
const DECISION_LABELS = { selected: 'retenu', 'not-selected': 'non retenu', none: '' } as const;

/** CSV for Excel: UTF-8 with BOM, semicolons (French Excel's list separator), dates in Paris time. */
export function rowsToCsv(rows: AdminRow[]): string {
  const paris = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
  const body = stringify(
    rows.map((r) => [
      r.id,
      r.initiative,
      r.company,
      axisLabel(r.axis),
      r.region,
      r.department,
      r.contact,
      r.email,
      STATUS_LABELS[r.status],
      r.missingCount,
      DECISION_LABELS[r.decision],
      paris(r.createdAt),
      paris(r.updatedAt),
    ]),
    {
      delimiter: ';',
      header: true,
      columns: [
        'Identifiant',
        'Initiative',
        'Entreprise',
        'Axe',
        'Région',
        'Département',
        'Contact',
        'Courriel',
        'Statut',
        'Éléments manquants',
        'Décision',
        'Créé le',
        'Modifié le',
      ],
      record_delimiter: '\r\n',
    },
  );
  return `\uFEFF${body}`;
}
