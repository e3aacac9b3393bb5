import { describe, expect, it } from 'vitest';
import { AXES } from '../../functions/domain/axes.ts';
import { anomalies, bursts, resultsByAxis, resultsCsv, type ConfirmedVote } from '../../functions/domain/votes.ts';

const [emploi, mobilisation, environnement] = AXES.map((a) => a.id) as [string, string, string];

describe('results per axis', () => {
  it('ranks with ties, names every tied winner, and none for an axis without votes', () => {
    const axes = resultsByAxis(
      [
        { initiativeId: 'a', axis: emploi, votes: 5 },
        { initiativeId: 'b', axis: emploi, votes: 9 },
        { initiativeId: 'c', axis: emploi, votes: 5 },
        { initiativeId: 'd', axis: mobilisation, votes: 2 },
        { initiativeId: 'e', axis: mobilisation, votes: 2 },
        { initiativeId: 'f', axis: environnement, votes: 0 },
      ],
      AXES,
    );
    expect(axes.map((a) => [a.id, a.votes, a.winners])).toEqual([
      [emploi, 19, ['b']],
      [mobilisation, 4, ['d', 'e']],
      [environnement, 0, []],
    ]);
    expect(axes[0]!.ranking.map((r) => [r.initiativeId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
    ]);
  });

  it('groups initiatives of an axis the campaign no longer has under « Autres »', () => {
    const axes = resultsByAxis([{ initiativeId: 'x', axis: 'ancien-axe', votes: 1 }], AXES);
    expect(axes.at(-1)).toMatchObject({ id: 'autres', label: 'Autres', winners: ['x'] });
  });
});

describe('anomalies', () => {
  const start = Date.parse('2028-05-20T10:00:00Z');
  const vote = (minutes: number, over: Partial<ConfirmedVote> = {}): ConfirmedVote => ({
    initiativeId: 'a',
    confirmedAt: new Date(start + minutes * 60_000).toISOString(),
    emailDomain: 'exemple.fr',
    ipHash: 'f'.repeat(64),
    ...over,
  });

  it('reports more than K votes from one key within an hour (sliding, not clock hours)', () => {
    // 11 votes between 10:30 and 11:20: no clock hour holds more than 10, a sliding hour holds 11.
    const votes = Array.from({ length: 11 }, (_, i) => vote(30 + i * 5));
    const found = bursts(votes, (v) => v.emailDomain, { threshold: 10 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      key: 'exemple.fr',
      count: 11,
      total: 11,
      from: votes[0]!.confirmedAt,
      to: votes[10]!.confirmedAt,
    });
  });

  it('does not report the same number of votes spread over more than an hour', () => {
    const votes = Array.from({ length: 11 }, (_, i) => vote(i * 7));
    expect(bursts(votes, (v) => v.emailDomain, { threshold: 10 })).toEqual([]);
  });

  it('names the initiatives of the burst, most voted first', () => {
    const votes = [
      ...Array.from({ length: 8 }, (_, i) => vote(i, { initiativeId: 'b' })),
      ...Array.from({ length: 4 }, (_, i) => vote(i, { initiativeId: 'a' })),
    ];
    expect(bursts(votes, (v) => v.ipHash, { threshold: 10 })[0]!.initiatives).toEqual([
      { initiativeId: 'b', votes: 8 },
      { initiativeId: 'a', votes: 4 },
    ]);
  });

  it('ignores large shared providers by domain (they show by connection), and shortens connection hashes', () => {
    const votes = Array.from({ length: 12 }, (_, i) => vote(i, { emailDomain: 'gmail.com' }));
    const found = anomalies(votes);
    expect(found.byDomain).toEqual([]);
    expect(found.byIp).toHaveLength(1);
    expect(found.byIp[0]!.key).toBe('f'.repeat(12));
    expect(found).toMatchObject({ windowMinutes: 60, threshold: 10 });
  });
});

describe('CSV export', () => {
  it('is Excel-ready: BOM, semicolons, CRLF, French headers, quoted when needed', () => {
    const csv = resultsCsv([
      {
        id: 'a',
        title: 'Atelier ; vélo',
        company: 'La Rustine',
        region: 'Occitanie',
        axis: emploi,
        votes: 12,
        rank: 1,
        winner: true,
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header).toBe('Identifiant;Initiative;Entreprise;Région;Axe;Votes;Rang dans l’axe;En tête de l’axe');
    expect(row).toBe('a;"Atelier ; vélo";La Rustine;Occitanie;Emploi & Citoyenneté;12;1;Oui');
  });
});
