import { describe, expect, it } from 'vitest';
import {
  adminRow,
  dashboard,
  filterRows,
  listFiltersSchema,
  rowsToCsv,
  type ApplicationSummary,
} from '../../functions/domain/admin-list.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import { completeFields } from '../support/fixtures.ts';

const summary = (
  id: string,
  over: Partial<ApplicationSummary> = {},
  region = 'Bretagne',
  axis = 'emploi-citoyennete',
): ApplicationSummary => {
  const f = completeFields();
  return {
    id,
    status: 'complete',
    fields: {
      ...f,
      company: { ...f.company, region, name: `Entreprise ${id}` },
      initiative: { ...f.initiative, axis: axis as 'emploi-citoyennete', name: `Initiative ${id}` },
    },
    missing: [],
    createdAt: `2028-01-0${id}T10:00:00Z`,
    updatedAt: `2028-01-0${id}T10:00:00Z`,
    ...over,
  };
};
const rows = [
  summary('1', { decision: { outcome: 'selected' } }),
  summary(
    '2',
    { status: 'incomplete', missing: [{ field: 'release', message: 'x' }] },
    'Occitanie',
    'environnement-economie',
  ),
  summary('3', {}, 'Île-de-France'),
].map(adminRow);

const campaign = {
  id: 'c',
  title: 'T',
  phase: 'review',
  dates: {
    open: '2028-01-01T00:00:00Z',
    deadline: '2028-02-29T22:59:59Z',
    notification: '2028-03-15T08:00:00Z',
    validationEnd: '2028-05-15T21:59:59Z',
    launch: '2028-05-16T07:00:00Z',
    votingClose: '2028-06-30T21:59:59Z',
  },
  photoCount: 4,
  target: 50,
  reminderOffsets: [14, 3, 1],
  axes: [],
} satisfies Campaign;

describe('admin list', () => {
  it('filters by status, region, decision and searches without accents', () => {
    expect(filterRows(rows, listFiltersSchema.parse({ status: 'complete' })).map((r) => r.id)).toEqual(['3', '1']);
    expect(
      filterRows(rows, listFiltersSchema.parse({ decision: 'none', region: 'Occitanie' })).map((r) => r.id),
    ).toEqual(['2']);
    expect(filterRows(rows, listFiltersSchema.parse({ q: 'ILE-DE' })).map((r) => r.id)).toEqual(['3']);
    expect(filterRows(rows, listFiltersSchema.parse({ q: 'entreprise 3' })).map((r) => r.id)).toEqual(['3']);
  });

  it('sorts by the chosen column', () => {
    expect(filterRows(rows, listFiltersSchema.parse({ sort: 'region' })).map((r) => r.region)).toEqual([
      'Bretagne',
      'Île-de-France',
      'Occitanie',
    ]);
  });

  it('counts per status, axis and region against the target, with days to the next step in Paris time', () => {
    const d = dashboard(rows, campaign, new Date('2028-03-10T12:00:00Z'));
    expect(d.byStatus).toEqual({ complete: 2, incomplete: 1 });
    expect(d.byAxis['Emploi & Citoyenneté']).toBe(2);
    expect(d.selected).toBe(1);
    expect(d.next).toEqual({ label: 'Annonce des décisions', at: campaign.dates.notification, days: 5 });
  });

  it('exports a CSV Excel opens right: BOM, semicolons, quoted text, French labels', () => {
    const tricky = adminRow(
      summary('4', {
        fields: {
          ...completeFields(),
          initiative: { ...completeFields().initiative, name: 'Café "solidaire"; ouvert' },
        },
      }),
    );
    const csv = rowsToCsv([...rows, tricky]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Identifiant;Initiative;Entreprise;Axe;Région;Département;Contact;Courriel;Statut;Éléments manquants;Décision;Créé le;Modifié le',
    );
    expect(lines[1]).toContain(';retenu;');
    expect(csv).toContain('"Café ""solidaire""; ouvert"');
    expect(lines[1]).toContain('01/01/2028 11:00');
  });
});
