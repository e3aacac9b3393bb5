import { describe, expect, it } from 'vitest';
import { slugify } from '../../functions/domain/article.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import {
  archiveNames,
  checkArchiveWeight,
  initiativeStem,
  PHOTO_ARCHIVE_LIMITS,
  photoFileName,
} from '../../functions/domain/photo-archive.ts';

describe('names of the original photos', () => {
  it('carries the initiative, the number and the credit, in ASCII with its capitals', () => {
    expect(photoFileName(initiativeStem('Jardin partagé'), { slot: 2, credit: 'Marie Dupont', ext: 'jpg' })).toBe(
      'Jardin-partage_photo-2_credit-Marie-Dupont.jpg',
    );
    expect(
      photoFileName(initiativeStem('Cœur de village : l’Œuvre d’Ève'), { slot: 1, credit: 'Zoë Ñúñez', ext: 'png' }),
    ).toBe('Coeur-de-village-l-OEuvre-d-Eve_photo-1_credit-Zoe-Nunez.png');
  });

  it('drops the « Photo : » or « © » before a credit, and the credit when there is none', () => {
    const stem = initiativeStem('Atelier');
    const name = (credit: string) => photoFileName(stem, { slot: 3, credit, ext: 'webp' });
    expect(name('Photo : Camille Durand')).toBe('Atelier_photo-3_credit-Camille-Durand.webp');
    expect(name('Crédit photo : Camille Durand')).toBe('Atelier_photo-3_credit-Camille-Durand.webp');
    expect(name('© Camille Durand')).toBe('Atelier_photo-3_credit-Camille-Durand.webp');
    // A name that merely starts like the label keeps it.
    expect(name('Photo-Club de Rodez')).toBe('Atelier_photo-3_credit-Photo-Club-de-Rodez.webp');
    expect(name('')).toBe('Atelier_photo-3.webp');
    expect(name(' © ')).toBe('Atelier_photo-3.webp');
  });

  it('falls back on the company, then on « dossier », and keeps names short', () => {
    expect(initiativeStem('', 'Bou’Sol')).toBe('Bou-Sol');
    expect(initiativeStem(undefined, '')).toBe('dossier');
    expect(initiativeStem('???', '')).toBe('dossier');
    expect(initiativeStem('a'.repeat(100)).length).toBe(60);
    const long = photoFileName('X', { slot: 1, credit: 'b'.repeat(100), ext: 'jpg' });
    expect(long).toBe(`X_photo-1_credit-${'b'.repeat(40)}.jpg`);
  });

  it('gives two files of the same name (case and accents aside) distinct names in one ZIP', () => {
    const photos = [
      { slot: 1, credit: '', ext: 'jpg' },
      { slot: 2, credit: 'Léa', ext: 'jpg' },
    ];
    const names = archiveNames([
      { stem: initiativeStem('Jardin partagé'), photos },
      { stem: initiativeStem('JARDIN PARTAGE'), photos },
      { stem: initiativeStem('Jardin partagé 2'), photos: [photos[0]!] },
      { stem: initiativeStem('Jardin-partagé'), photos: [photos[0]!] },
    ]);
    expect(names).toEqual([
      ['Jardin-partage_photo-1.jpg', 'Jardin-partage_photo-2_credit-Lea.jpg'],
      ['JARDIN-PARTAGE-2_photo-1.jpg', 'JARDIN-PARTAGE-2_photo-2_credit-Lea.jpg'],
      // « Jardin-partage-2 » is taken (case aside): the next number.
      ['Jardin-partage-2-2_photo-1.jpg'],
      ['Jardin-partage-3_photo-1.jpg'],
    ]);
    expect(new Set(names.flat().map((n) => n.toLowerCase())).size).toBe(names.flat().length);
  });

  it('leaves the site’s lowercase slugs as they were', () => {
    expect(slugify('Coder dans les quartiers : le pari du PôleS')).toBe('coder-dans-les-quartiers-le-pari-du-poles');
    expect(slugify('Cœur ŒUVRE')).toBe('coeur-oeuvre');
  });
});

describe('the bound of a ZIP', () => {
  it('accepts up to the bound and refuses above it in French, with the weight', () => {
    expect(() => checkArchiveWeight(PHOTO_ARCHIVE_LIMITS.bytes)).not.toThrow();
    const over = () => checkArchiveWeight(PHOTO_ARCHIVE_LIMITS.bytes + 60 * 1024 * 1024);
    expect(over).toThrow(DomainError);
    expect(over).toThrow(
      'Ces photos pèsent 210 Mo\u00a0: un fichier ZIP en contient 150 Mo au plus. Sélectionnez moins de dossiers et recommencez.',
    );
  });
});
