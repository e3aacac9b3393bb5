import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import sharp from 'sharp';

/**
 * Drives the applicant form the way a newcomer on a phone does (browser tests, with the local stack
 * or with the mock API).
 */
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium est introuvable (${CHROMIUM}) : installez-le avec « apt-get install -y chromium » (Debian), puis relancez les tests.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
  hasTouch: true,
  isMobile: true,
} as const;
/** A desk's browser (the team's console, a visitor on a laptop), French and in Paris time. */
export const DESK = { viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' } as const;

/** Real JPEG photos, one colour each (sharp). */
export async function colourJpegs(count = 4, width = 1600, height = 1200): Promise<Buffer[]> {
  const colours = [
    { r: 200, g: 60, b: 40 },
    { r: 40, g: 140, b: 70 },
    { r: 40, g: 80, b: 190 },
    { r: 220, g: 180, b: 40 },
  ];
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      sharp({ create: { width, height, channels: 3, background: colours[i % colours.length]! } })
        .composite([
          {
            input: Buffer.from(
              `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="white"/></svg>`,
            ),
          },
        ])
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );
}

/** No WCAG 2.1 A/AA violation, with readable details when there is one. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  if (summary.length) throw new Error(`axe, ${label}:\n${summary.join('\n')}`);
}

/** Waits (up to `timeout`) until a locator's value, text or attribute matches. */
const value = (locator: Locator, timeout = 10_000) => expect.poll(() => locator.inputValue(), { timeout });
const text = (locator: Locator, timeout = 10_000) => expect.poll(() => locator.textContent(), { timeout });
const visible = (locator: Locator, timeout = 10_000) => locator.waitFor({ state: 'visible', timeout });

export const DESCRIPTION =
  "Depuis 2023, notre chantier d'insertion remet en état les vélos abandonnés que nous confient les communes et les déchetteries du canton. " +
  'Douze salariés en parcours les réparent, puis nous les louons à petit prix aux habitants qui n’ont pas de moyen de transport pour aller travailler ou se former. ' +
  'Le projet est mené avec la communauté de communes, deux missions locales et un garage solidaire qui forme nos salariés. ' +
  'En un an, 180 vélos ont été remis en circulation et 64 personnes équipées, dont 41 ont pu accepter un emploi ou une formation. ' +
  'Trois salariés ont obtenu un certificat de mécanicien cycle. ' +
  'Les vélos sont entretenus chaque mois dans notre atelier, ouvert aussi aux habitants le mercredi après-midi pour apprendre à réparer eux-mêmes. ' +
  'Nous préparons pour l’an prochain une flotte de vélos à assistance électrique pour les trajets de plus de quinze kilomètres, avec une entreprise de transport locale. ' +
  'Plus d’informations sur notre site et notre page Facebook, où nous publions chaque mois le nombre de vélos remis en route.';

/** Fills the three field sections, as a person would (typing, choosing), and leaves each field. */
export async function fillFields(page: Page, email: string): Promise<void> {
  const company = page.locator('#company');
  await company.getByLabel('Nom de l’entreprise ou de l’association').fill('Atelier du Bocage');
  await company.getByLabel('Adresse', { exact: true }).fill('3 rue des Lavandières');
  await company.getByLabel('Code postal').fill('75011');
  // The communes lookup fills city, department and region.
  await value(company.getByLabel('Ville', { exact: true })).toBe('Paris');
  await value(page.locator('#company-region')).toBe('Île-de-France');
  await value(page.locator('#company-department')).toBe('Paris');

  const contact = page.locator('#contact');
  await contact.getByLabel('Nom', { exact: true }).fill('Durand');
  await contact.getByLabel('Prénom').fill('Inès');
  await contact.getByLabel('Téléphone').fill('06 12 34 56 78');
  await contact.getByLabel('Courriel').fill(email);
  await contact.getByLabel('Fonction dans l’entreprise').fill('Coordinatrice');
  await contact.getByLabel('Fonction dans l’entreprise').blur();

  const initiative = page.locator('#initiative');
  await initiative.getByLabel('Nom de l’initiative').fill('Des vélos pour aller travailler');
  await initiative.getByLabel('Mobilisation locale & coopérations innovantes').check();
  await initiative.getByLabel('Description de l’initiative').fill(DESCRIPTION);
  await text(page.locator('#initiative-description-count')).toContain('la longueur convient');
  await initiative.getByLabel('Site web').fill('www.atelier-du-bocage.example.org');
  await initiative.getByLabel('Compte Twitter / X').fill('@AtelierBocage');
  await initiative.getByLabel('Page Facebook').fill('https://www.facebook.com/atelierdubocage');
  await initiative.getByLabel('Autre lien').fill('https://video.example.org/velos');
  await initiative.getByLabel('Autre lien').blur();
  await value(initiative.getByLabel('Site web')).toBe('https://www.atelier-du-bocage.example.org');
}

export async function uploadPhotos(page: Page, photos: Buffer[]): Promise<void> {
  for (const [i, photo] of photos.entries()) {
    await page
      .locator(`#photo-${i + 1}-file`)
      .setInputFiles({ name: `photo-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  }
  for (let n = 1; n <= photos.length; n++) {
    await visible(page.locator(`#photo-${n} .photo-preview img`), 60_000);
    await text(page.locator(`#photo-${n}-state`)).toBe('Photo acceptée.');
    // The thumbnail really loaded.
    await expect
      .poll(
        () => page.locator(`#photo-${n} .photo-preview img`).evaluate((img: HTMLImageElement) => img.naturalWidth),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await page.locator(`#photo-${n}-caption`).fill(`Atelier, photo ${n}`);
    await page.locator(`#photo-${n}-credit`).fill('Inès Durand');
    await page.locator(`#photo-${n}-credit`).blur();
  }
}

/** Signs the release online; `signatoryEmail`: another person signs, whose copy goes to that address. */
export async function signReleaseOnline(page: Page, imageCount = 4, signatoryEmail?: string): Promise<void> {
  const release = page.locator('#release-online');
  await value(release.getByLabel('Nom', { exact: true })).toBe('Durand');
  await value(release.getByLabel('Nombre d’images couvertes par la décharge')).toBe(String(imageCount));
  if (signatoryEmail) await release.getByLabel('Courriel de la personne qui signe').fill(signatoryEmail);
  for (const box of await release.locator('input[type="checkbox"]').all()) await box.check();
  await release.getByLabel('Fait à (ville)').fill('Paris');
  await release.getByLabel('Écrivez « lu et approuvé »').fill('Lu et approuvé');
  await release.getByRole('button', { name: 'Signer la décharge' }).click();
  await visible(page.locator('#release-done'), 15_000);
  await text(page.locator('#release-done-text')).toContain(`pour ${imageCount} images`);
}

export async function waitSaved(page: Page): Promise<void> {
  await text(page.locator('#save-status'), 15_000).toMatch(/^Enregistré à \d{1,2} h \d{2}\./);
}
