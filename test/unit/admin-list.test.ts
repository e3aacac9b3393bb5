import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  adminRow,
  dashboard,
  filterRows,
  listFiltersSchema,
  filesToCsv,
  type CsvFile,
  type ApplicationSummary,
} from '../../functions/domain/admin-list.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import { spreadsheetSafe } from '../../functions/domain/spreadsheet.ts';
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

  const csvFile = (over: Partial<CsvFile> = {}, id = '4'): CsvFile => ({ ...summary(id), photoUrls: [], ...over });
  const csvLines = (csv: string) => parse(csv.slice(1), { delimiter: ';', record_delimiter: '\r\n' }) as string[][];

  it('exports a CSV Excel opens right: BOM, semicolons, quoted text, French labels', () => {
    const tricky = csvFile({
      fields: {
        ...completeFields(),
        initiative: { ...completeFields().initiative, name: 'Café "solidaire"; ouvert' },
      },
    });
    const csv = filesToCsv([csvFile({ decision: { outcome: 'selected' } }, '1'), tricky]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe(
      'Identifiant;Initiative;Axe;Description;Site web;Compte Twitter / X;Page Facebook;Autre lien;Entreprise;Adresse;Code postal;Ville;Département;Région;Nom;Prénom;Fonction;Téléphone;Courriel;Statut;Référence;Éléments manquants;Décision;Pertinence (décision);Résultats (décision);Commentaire (décision);Article;Photos;Créé le;Modifié le',
    );
    expect(csv).toContain('"Café ""solidaire""; ouvert"');
    const [, first] = csvLines(csv);
    expect(first).toContain('retenu');
    expect(first).toContain('01/01/2028 11:00');
  });

  it('carries every field, the decision with its notes, the article, the photos and the missing items as text', () => {
    const f = completeFields();
    const [header, row] = csvLines(
      filesToCsv([
        csvFile({
          status: 'incomplete',
          missing: [
            { field: 'photos', message: 'Photo 3 : à ajouter.' },
            { field: 'release', message: 'Décharge\u00a0: à joindre.' },
          ],
          decision: { outcome: 'not-selected', relevance: 'Hors axe', results: 'Peu chiffrés', comment: 'À revoir' },
          articleStatus: 'changes-requested',
          photoUrls: ['https://site.example/media/a/1/u/1600.jpg', 'https://site.example/media/a/2/u/1600.jpg'],
          reference: 'NTA-2028-0042',
        }),
      ]),
    );
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Téléphone')).toBe(f.contact.phone);
    expect(cell('Référence')).toBe('NTA-2028-0042');
    expect(cell('Adresse')).toBe(f.company.address);
    expect(cell('Description')).toBe(f.initiative.description);
    expect(cell('Site web')).toBe(f.initiative.website ?? '');
    expect(cell('Éléments manquants')).toBe('Photo 3 : à ajouter.\nDécharge\u00a0: à joindre.');
    expect([
      cell('Décision'),
      cell('Pertinence (décision)'),
      cell('Résultats (décision)'),
      cell('Commentaire (décision)'),
    ]).toEqual(['non retenu', 'Hors axe', 'Peu chiffrés', 'À revoir']);
    expect(cell('Article')).toBe('Modifications demandées');
    expect(cell('Photos')).toBe('https://site.example/media/a/1/u/1600.jpg\nhttps://site.example/media/a/2/u/1600.jpg');
  });

  it('neutralizes formula injection: a cell starting with = + - @, a tab or a return is shown as text', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","clic")',
      '+33 1 23 45 67 89',
      '-2+3',
      '@SUM(A1:A2)',
      '\tcmd',
      '\rcmd',
    ];
    const [header, row] = csvLines(
      filesToCsv([
        csvFile({
          fields: {
            ...completeFields(),
            initiative: { ...completeFields().initiative, name: hostile[0]!, description: hostile[2]! },
            company: { ...completeFields().company, name: hostile[3]!, city: hostile[4]!, department: hostile[5]! },
            contact: { ...completeFields().contact, phone: hostile[1]! },
          },
        }),
      ]),
    );
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([
      cell('Initiative'),
      cell('Téléphone'),
      cell('Description'),
      cell('Entreprise'),
      cell('Ville'),
      cell('Département'),
    ]).toEqual(hostile.map((v) => `'${v}`));
    expect(spreadsheetSafe('Une initiative = une idée')).toBe('Une initiative = une idée');
  });
});
