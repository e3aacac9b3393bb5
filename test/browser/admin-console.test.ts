import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAdmin, buildValidation } from '../../frontend/admin/build.ts';
import {
  announceDecisions,
  closeApplications,
  inboxFor,
  seedApplications,
  validationTokenFor,
} from '../support/admin-seed.ts';
import { DESK, expectAccessible, launchChromium, PHONE } from '../support/form-driver.ts';
import { showCampaign } from '../support/console-driver.ts';
import { openTestCampaign } from '../support/seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { invokeFunction } from '../support/local-clients.ts';
import sesBounce from '../../events/ses-bounce.json' with { type: 'json' };
import { fr } from '../../functions/domain/french.ts';

/**
 * The team's console and the enterprise's validation page on the local stack: an admin signs in,
 * filters the files, decides in bulk, writes an article and sends it; the enterprise asks for a
 * change, the admin revises, the enterprise approves; the journal shows each step. axe checks
 * every screen on the way.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
const contact = `contact-${run}@example.org`;
let browser: Browser;
let campaignId: string;
let desk: BrowserContext;
let admin: Page;
let incomplete: ApplicantClient | undefined;
const errors: string[] = [];

const watch = (page: Page) => {
  page.on('pageerror', (e) => errors.push(e.message));
  // Expected: the browser logs Cognito's 400 for a wrong password, and the sandbox blocking the public page's vote script.
  const expected = /status of 400|Blocked script execution in 'about:srcdoc'/;
  page.on('console', (m) => m.type() === 'error' && !expected.test(m.text()) && errors.push(m.text()));
};
const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });

beforeAll(async () => {
  const out = path.resolve(import.meta.dirname, '../../dist/frontend');
  await Promise.all([buildAdmin(out), buildValidation(out)]);
  campaignId = (await openTestCampaign(stack, { title: `Console dans le navigateur ${run}` })).id;
  [, , incomplete] = await seedApplications(stack, [
    {
      company: 'Le Pôle S',
      initiative: 'Coder dans les quartiers',
      axis: 'emploi-citoyennete',
      region: 'Île-de-France',
      email: contact,
    },
    {
      company: 'Bou’Sol',
      initiative: 'Boulangeries solidaires',
      axis: 'environnement-economie',
      region: 'Occitanie',
      email: `bousol-${run}@example.org`,
    },
    {
      company: 'Intermed',
      initiative: 'Vert(s) des choix solidaires',
      axis: 'environnement-economie',
      region: 'Bourgogne-Franche-Comté',
      email: `intermed-${run}@example.org`,
      incomplete: true,
    },
  ]);
  await closeApplications(stack, campaignId);
  browser = await launchChromium();
  desk = await browser.newContext({ ...DESK, acceptDownloads: true });
  admin = await desk.newPage();
  watch(admin);
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('admin console and article validation', () => {
  it('signs the admin in and shows the dashboard', async () => {
    await admin.goto(`${front}/admin/`);
    await heading(admin, 'Connexion');
    await expectAccessible(admin, 'connexion');
    await admin.getByLabel('Adresse électronique').fill(stack.admin.email);
    await admin.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.getByText('Adresse ou mot de passe incorrect.').waitFor();
    await admin.getByLabel('Mot de passe').fill(stack.admin.password);
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await heading(admin, 'Tableau de bord');
    await showCampaign(admin, campaignId);
    await admin.getByText(`Console dans le navigateur ${run}`).first().waitFor();
    await expect.poll(() => admin.locator('.figure-value').first().textContent()).toBe('3');
    await expectAccessible(admin, 'tableau de bord');
  });

  it('filters the files and decides in bulk', async () => {
    await admin.getByRole('link', { name: 'Dossiers', exact: true }).click();
    await heading(admin, 'Dossiers');
    await admin.getByLabel('Complétude').selectOption('yes');
    await admin.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => admin.locator('.result-count').textContent()).toBe('2 dossiers affichés sur 3.');
    await expectAccessible(admin, 'liste filtrée');

    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Exporter la sélection (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^candidatures-\d{4}-\d{2}-\d{2}\.csv$/);

    await admin.getByLabel('Sélectionner tous les dossiers affichés').check();
    await admin.getByText('2 dossiers sélectionnés.').waitFor();
    await admin.getByLabel('Retenu', { exact: true }).check();
    await admin.getByLabel('Pertinence de l’initiative par rapport à l’axe retenu').fill('Au cœur de l’axe choisi.');
    await admin.getByRole('button', { name: 'Appliquer la décision' }).click();
    await admin.getByText('Décision « Retenu » enregistrée pour 2 dossiers.').waitFor();
    await expect.poll(() => admin.locator('table.rows .badge--ok', { hasText: 'Retenu' }).count()).toBe(2);
    await expectAccessible(admin, 'liste après décision');

    // From a file of the filtered list, its neighbours in that list, and back to the same list.
    const names = await admin.locator('table.rows tbody a').allTextContents();
    await admin.getByRole('link', { name: names[0]! }).click();
    const nav = admin.getByRole('navigation', { name: 'Parcourir les dossiers' });
    await nav.getByText('Dossier 1 sur 2').waitFor();
    await nav.getByRole('link', { name: `Suivant : ${names[1]} →` }).click();
    await heading(admin, names[1]!);
    await nav.getByText('Dossier 2 sur 2').waitFor();
    expect(await nav.getByRole('link', { name: /^Suivant/ }).count()).toBe(0);
    await expectAccessible(admin, 'dossier, précédent et suivant');
    await nav.getByRole('link', { name: '← Tous les dossiers' }).click();
    await expect.poll(() => admin.locator('.result-count').textContent()).toBe('2 dossiers affichés sur 3.');
  });

  it('writes the article of a selected file and sends it for validation', async () => {
    await announceDecisions(stack, campaignId); // the timeline announces every decision at once
    await admin.getByRole('link', { name: 'Coder dans les quartiers' }).click();
    await heading(admin, 'Coder dans les quartiers');
    await admin.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await admin.locator('.gallery img').count()).toBe(4);
    // Every email the file was sent is a line of its history, in French (the kind, never an address).
    const emails = (await admin.locator('ol.history li').allTextContents())
      .map((line) => line.split('Courriel envoyé\u00a0: ')[1])
      .filter(Boolean)
      .sort();
    expect(emails).toEqual([
      'annonce de la décision (Retenu)',
      'copie de la décharge signée au contact',
      'dossier complet',
      'lien personnel',
    ]);
    await expectAccessible(admin, 'dossier');

    await admin.getByRole('link', { name: 'Rédiger l’article' }).click();
    await heading(admin, 'Article : Coder dans les quartiers');
    await admin.getByLabel('Titre').fill('Coder dans les quartiers : le pari du PôleS');
    await admin
      .getByLabel('Chapeau')
      .fill('Une école du web pour les salariés en parcours des quartiers prioritaires.');
    // Photo 2 becomes the cover; photo 4 is left out.
    await admin.locator('[data-slot="2"]').getByRole('button', { name: 'Monter' }).click();
    await admin.locator('[data-slot="4"]').getByLabel('Afficher dans l’article').uncheck();
    await admin
      .locator('[data-slot="2"]')
      .getByLabel('Légende (texte alternatif)')
      .fill('La première promotion de l’école du web');
    const preview = admin.locator('.preview-frame');
    await expect
      .poll(() => preview.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('Coder dans les quartiers : le pari du PôleS');
    await expect
      .poll(() => preview.locator('.article-cover img').getAttribute('alt'))
      .toBe('La première promotion de l’école du web');
    expect(await preview.locator('img').count()).toBe(3);
    await expectAccessible(admin, 'rédaction de l’article');
    // The public site's own rendering of the page, in a sandboxed frame (axe cannot run inside a frame without scripts).
    await admin.getByRole('button', { name: 'Voir la page du site public' }).click();
    const page = admin.frameLocator('iframe[title="Page publique de l’initiative (aperçu)"]');
    await page.getByRole('heading', { level: 1, name: 'Coder dans les quartiers : le pari du PôleS' }).waitFor();
    expect(await admin.locator('iframe.public-frame').getAttribute('sandbox')).toBe('');

    // Sending emails the enterprise: the console asks first; « Annuler » sends nothing.
    const questions: string[] = [];
    admin.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await admin.getByRole('button', { name: `Envoyer pour validation à ${contact}` }).click();
    await expect
      .poll(() => questions)
      .toEqual([
        fr`Envoyer la version 1 de l’article à ${contact} ? L’entreprise recevra un courriel avec un lien personnel pour la relire.`,
      ]);
    expect(await admin.getByText(`Version 1 envoyée à ${contact}.`).count()).toBe(0);
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: `Envoyer pour validation à ${contact}` }).click();
    await admin.getByText(`Version 1 envoyée à ${contact}.`).waitFor();
    await expect
      .poll(
        async () => (await inboxFor(stack, contact)).filter((e) => e.body.text.includes('/validation/#jeton=')).length,
      )
      .toBe(1);
  });

  it('lets the enterprise ask for a change, the admin revise, the enterprise approve', async () => {
    const phone = await browser.newContext(PHONE);
    const enterprise = await phone.newPage();
    watch(enterprise);
    await enterprise.goto(`${front}/validation/#jeton=${await validationTokenFor(stack, contact)}`);
    await heading(enterprise, 'Relecture de votre article');
    expect(new URL(enterprise.url()).hash).toBe(''); // the token left the address bar
    await enterprise.getByRole('heading', { name: 'Coder dans les quartiers : le pari du PôleS' }).waitFor();
    await expectAccessible(enterprise, 'page de validation');
    await enterprise.getByRole('button', { name: 'Envoyer mes demandes' }).click();
    await enterprise.getByText('Décrivez les modifications souhaitées').waitFor();
    await enterprise
      .getByLabel('Vos demandes de modifications')
      .fill('Merci de citer notre partenaire, l’école Web Force 3.');
    await enterprise.getByRole('button', { name: 'Envoyer mes demandes' }).click();
    await enterprise.getByText('Vos demandes sont transmises à l’équipe communication.').waitFor();
    await expectAccessible(enterprise, 'demande de modifications envoyée');

    await admin.reload();
    await heading(admin, 'Article : Coder dans les quartiers');
    await admin.getByText('Merci de citer notre partenaire, l’école Web Force 3.').first().waitFor();
    const body = admin.getByLabel('Texte', { exact: true });
    await body.fill(`${await body.inputValue()}\n\nL’école a été ouverte avec l’école Web Force 3.`);
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: `Envoyer pour validation à ${contact}` }).click();
    await admin.getByText(`Version 2 envoyée à ${contact}.`).waitFor();
    // The new version says what changed since the one the enterprise read.
    await admin.getByText(/^Version 2, envoyée le/).click();
    await admin.getByText('Ce qui a changé depuis la version 1').click();
    const added = admin.locator('.article-changes ins');
    await expect
      .poll(() => added.allTextContents())
      .toEqual([expect.stringContaining('L’école a été ouverte avec l’école Web Force 3.')]);
    expect(await admin.locator('.article-changes dt').allTextContents()).toEqual(['Texte']);
    await expectAccessible(admin, 'article renvoyé');

    await enterprise.reload();
    await enterprise.getByText(/version 2, envoyée le/).waitFor();
    await enterprise.getByText('L’école a été ouverte avec l’école Web Force 3.').waitFor();
    await enterprise.getByLabel('Votre prénom et votre nom').fill('Claire Martin');
    await enterprise.getByRole('button', { name: 'Je valide cet article' }).click();
    await enterprise.getByRole('heading', { name: 'Article validé' }).waitFor();
    await enterprise.getByText(/Vous avez validé cet article le .* \(Claire Martin\)/).waitFor();
    await expectAccessible(enterprise, 'article validé');
    await phone.close();

    await admin.reload();
    await admin.getByText(/Version 2 validée par Claire Martin/).waitFor();
  });

  it('invites to create a campaign on its first screen when there is none', async () => {
    // The shared stack has campaigns: the API answers as on an empty database (the dashboard's 404, no campaign listed).
    await admin.route('**/api/admin/dashboard**', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'not-found',
          message: 'Aucune campagne\u00a0: créez-en une dans «\u00a0Campagnes\u00a0».',
        }),
      }),
    );
    await admin.route('**/api/admin/campaigns', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"campaigns":[]}' })
        : route.fallback(),
    );
    const logged = errors.length;
    try {
      await admin.getByRole('link', { name: 'Tableau de bord' }).click();
      await heading(admin, 'Tableau de bord');
      await admin.getByText('Aucune campagne pour l’instant.', { exact: false }).waitFor();
      expect(await admin.locator('#contenu').textContent()).not.toMatch(/introuvable|Impossible d’afficher/);
      await expectAccessible(admin, 'tableau de bord sans campagne');
    } finally {
      await admin.unrouteAll();
    }
    // The browser logs the dashboard's 404 (expected here, as on an empty database); nothing else.
    errors.splice(logged, errors.length - logged, ...errors.slice(logged).filter((e) => !/status of 404/.test(e)));
    await admin.getByRole('link', { name: 'Créer une campagne' }).click();
    await heading(admin, 'Nouvelle campagne');
    expect(new URL(admin.url()).hash).toBe('#/campagnes/nouvelle');
  });

  it('shows « Adresse injoignable » on a file whose contact address bounced for good', async () => {
    const address = `intermed-${run}@example.org`;
    const bounce = {
      Records: [
        {
          ...sesBounce.Records[0]!,
          Sns: {
            ...sesBounce.Records[0]!.Sns,
            Message: sesBounce.Records[0]!.Sns.Message.replaceAll('recipient@example.com', address),
          },
        },
      ],
    };
    await invokeFunction('mail-events', bounce, stack);
    await admin.evaluate((hash) => (location.hash = hash), `#/dossiers/${incomplete!.id}`);
    await heading(admin, 'Vert(s) des choix solidaires');
    const mark = admin.locator('section[aria-labelledby="contact"] .notice--important');
    await expect
      .poll(() => mark.textContent())
      .toMatch(
        /^Adresse injoignable \(rebond le 2 mars 2028 à 10:41\)\s: les courriels de la plateforme ne sont plus envoyés à intermed-/,
      );
    await expectAccessible(admin, 'dossier à l’adresse injoignable');
  });

  it('shows each step in the journal, creates a campaign, signs out; every screen passes axe', async () => {
    await admin.getByRole('link', { name: 'Journal' }).click();
    await heading(admin, 'Journal des actions');
    await showCampaign(admin, campaignId);
    const actions = admin.locator('table tbody tr');
    await expect.poll(async () => (await actions.allTextContents()).join('\n')).toMatch(/Décisions groupées/);
    const texts = await actions.allTextContents();
    expect(texts.filter((t) => t.includes('Article envoyé pour validation'))).toHaveLength(2);
    // Each line about a file names it.
    expect(
      texts
        .filter((t) => t.includes('Article envoyé pour validation'))
        .every((t) => t.includes(fr`dossier « Coder dans les quartiers »`)),
    ).toBe(true);
    expect(texts.filter((t) => t.includes('Article enregistré'))).toHaveLength(2);
    expect(texts.every((t) => t.includes(stack.admin.email))).toBe(true);
    await expectAccessible(admin, 'journal');

    await admin.getByRole('link', { name: 'Campagnes' }).click();
    await heading(admin, 'Campagnes');
    await expectAccessible(admin, 'campagnes');
    await admin.getByRole('link', { name: 'Nouvelle campagne' }).click();
    await heading(admin, 'Nouvelle campagne');
    await expectAccessible(admin, 'nouvelle campagne');
    // Prefilled with the call's calendar; created as a draft (not opened: other tests use the open campaign).
    expect(await admin.getByLabel('Date limite de dépôt').inputValue()).toMatch(/^\d{4}-02-(28|29)$/);
    await admin.getByLabel('Titre').fill(`Édition de test ${run}`);
    await admin.getByRole('button', { name: 'Créer la campagne' }).click();
    await heading(admin, `Édition de test ${run}`);
    await admin.getByRole('button', { name: 'Ouvrir l’appel à initiatives' }).waitFor();
    await expectAccessible(admin, 'campagne en préparation');

    await admin.getByRole('button', { name: 'Se déconnecter' }).click();
    await heading(admin, 'Connexion');
    await admin.getByText('Vous êtes déconnecté.').waitFor();
    expect(await admin.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('eyJ'); // no token left
    expect(errors).toEqual([]);
  });
});
