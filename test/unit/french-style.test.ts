import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import * as articleEmails from '../../functions/domain/article-emails.ts';
import { formatParisDate, formatParisDateTime } from '../../functions/domain/campaign.ts';
import type { Email } from '../../functions/domain/emails.ts';
import * as emails from '../../functions/domain/emails.ts';
import {
  capitalized,
  dayOfMonth,
  fr,
  onlyLeft,
  plural,
  typeset,
  typesetTemplate,
} from '../../functions/domain/french.ts';
import { renderSite } from '../../functions/domain/site/index.ts';
import * as timelineEmails from '../../functions/domain/timeline-emails.ts';
import * as winnerEmails from '../../functions/domain/winner-emails.ts';
import { frenchStyleIssues, htmlText, scriptTexts, typesetDeep } from '../support/french-style.ts';
import { FIXTURE_NOW, fixtureCampaign, fixtureResults, fixtureSite } from '../support/site-fixtures.ts';

/**
 * One French style for every text (functions/domain/french.ts), checked over every email the
 * platform sends and every page of the public site: typographic apostrophes, non-breaking spaces
 * before « : ; ! ? » and inside guillemets, « 1er » for the first of a month, plurals written out,
 * no capital after a colon. What people typed is given already well typeset (or free of these
 * signs), so each finding is a text of ours.
 */

const who = { firstName: 'Claire', initiativeName: 'La recyclerie du Val' };
const nameless = { firstName: undefined, initiativeName: undefined };
// Dates of ours, the first of a month among them.
const deadlineLabel = formatParisDateTime('2028-03-01T23:59:59+01:00');
const dateLabel = formatParisDate('2028-05-01T09:00:00+02:00');
// Completeness messages as the form shows them (functions/domain/completeness.ts): the emails typeset them.
const missing = [
  { field: 'photos.1', message: 'Photo 1 : à ajouter (4 photos sont demandées).' },
  { field: 'release', message: "Décharge droit à l'image : à signer en ligne ou à déposer signée." },
];
const url = 'https://initiatives.example.org/candidater/#dossier=1&jeton=abc';

/** Every email builder, with the variants that change its text. A builder missing here fails the test below. */
const EMAILS: Record<string, () => Email[]> = {
  welcomeEmail: () => [who, nameless].map((d) => emails.welcomeEmail({ ...d, resumeUrl: url, deadlineLabel })),
  completeEmail: () =>
    [who, nameless].map((d) =>
      emails.completeEmail({
        ...d,
        resumeUrl: url,
        deadlineLabel,
        notificationLabel: dateLabel,
        reference: 'NTA-2028-0001',
      }),
    ),
  releaseCopyEmail: () =>
    [who, nameless].flatMap((d) =>
      (
        [
          { release: { mode: 'online', signatory: 'Claire Martin', signedAtLabel: deadlineLabel }, attached: true },
          { release: { mode: 'scan' }, attached: true },
          { release: { mode: 'scan' }, attached: false },
        ] as const
      ).map((variant) => emails.releaseCopyEmail({ ...d, ...variant })),
    ),
  missingEmail: () => [who, nameless].map((d) => emails.missingEmail({ ...d, resumeUrl: url, deadlineLabel, missing })),
  resumeLinksEmail: () => [emails.resumeLinksEmail({ deadlineLabel, files: [{ name: 'La recyclerie du Val', url }] })],
  voteConfirmationEmail: () =>
    [1, 3].map((maxPerEmail) =>
      emails.voteConfirmationEmail({
        initiativeTitle: 'Des vélos pour tous',
        confirmUrl: url,
        expiresLabel: deadlineLabel,
        maxPerEmail,
      }),
    ),
  voteRefusedEmail: () =>
    (['already-voted', 'limit'] as const).flatMap((reason) =>
      [1, 3].map((maxPerEmail) =>
        emails.voteRefusedEmail({ initiativeTitle: 'Des vélos pour tous', reason, maxPerEmail }),
      ),
    ),
  reminderEmail: () =>
    [1, 3, 14].flatMap((daysLeft) =>
      [
        { missing, submitted: false },
        { missing, submitted: true },
        { missing: [], submitted: false },
      ].flatMap((state) =>
        [who, nameless].map((d) =>
          timelineEmails.reminderEmail({ ...d, ...state, resumeUrl: url, deadlineLabel, daysLeft }),
        ),
      ),
    ),
  notProcessedEmail: () =>
    [who, nameless].flatMap((d) =>
      [true, false].map((submitted) => timelineEmails.notProcessedEmail({ ...d, deadlineLabel, missing, submitted })),
    ),
  selectedEmail: () =>
    [who, nameless].map((d) =>
      timelineEmails.selectedEmail({
        ...d,
        validationEndLabel: dateLabel,
        launchLabel: dateLabel,
        comment: 'bravo pour vos résultats\u202f!',
      }),
    ),
  notSelectedEmail: () =>
    [who, nameless].map((d) =>
      timelineEmails.notSelectedEmail({ ...d, comment: 'nous avons beaucoup aimé votre atelier.' }),
    ),
  validationReminderEmail: () =>
    [who, nameless].flatMap((d) =>
      [true, false].map((changesRequested) =>
        timelineEmails.validationReminderEmail({
          ...d,
          validationUrl: url,
          validationEndLabel: dateLabel,
          changesRequested,
        }),
      ),
    ),
  launchEmail: () =>
    [who, nameless].map((d) => timelineEmails.launchEmail({ ...d, pageUrl: url, votingCloseLabel: dateLabel })),
  undecidedAlertEmail: () =>
    [1, 2].map((undecided) =>
      timelineEmails.undecidedAlertEmail({
        campaignTitle: 'Édition 2028',
        undecided,
        complete: 40,
        nextCheckLabel: deadlineLabel,
        consoleUrl: url,
      }),
    ),
  unapprovedArticlesAlertEmail: () =>
    [true, false].flatMap((closed) =>
      [1, 2].map((n) =>
        timelineEmails.unapprovedArticlesAlertEmail({
          campaignTitle: 'Édition 2028',
          validationEndLabel: dateLabel,
          launchLabel: dateLabel,
          closed,
          files: (['none', 'changes-requested'] as const).slice(0, n).map((progress) => ({
            initiative: 'La recyclerie du Val',
            company: 'Atelier du Val',
            progress,
            consoleUrl: url,
          })),
        }),
      ),
    ),
  failureAlertEmail: () => [
    timelineEmails.failureAlertEmail({
      campaignTitle: 'Édition 2028',
      execution: 'c-v1',
      error: 'States.TaskFailed',
      cause: 'timeout',
    }),
  ],
  articleToValidateEmail: () =>
    [who, nameless].flatMap((d) =>
      [1, 2].map((version) =>
        articleEmails.articleToValidateEmail({ ...d, validationUrl: url, validationEndLabel: dateLabel, version }),
      ),
    ),
  articleApprovedEmail: () =>
    [who, nameless].map((d) =>
      articleEmails.articleApprovedEmail({ ...d, approvedBy: 'Claire Martin', launchLabel: dateLabel }),
    ),
  articleChangesEmail: () =>
    [who, nameless].map((d) =>
      articleEmails.articleChangesEmail({ ...d, comments: 'merci de citer notre partenaire.' }),
    ),
  winnerEmail: () =>
    [who, nameless].flatMap((d) =>
      [
        { votes: 12, tiedWith: [], prize: 'un reportage vidéo sur votre initiative' },
        { votes: undefined, tiedWith: ['Des vélos pour tous', 'Le jardin partagé'] },
      ].map((variant) =>
        winnerEmails.winnerEmail({ ...d, ...variant, axisLabel: 'Emploi & citoyenneté', resultsUrl: url }),
      ),
    ),
  winnersTeamEmail: () => [
    winnerEmails.winnersTeamEmail({
      campaignTitle: 'Édition 2028',
      total: 42,
      axes: [
        {
          label: 'Emploi & citoyenneté',
          prize: 'un reportage vidéo',
          winners: [{ title: 'La recyclerie du Val', company: 'Atelier du Val', votes: 12, emailed: true }],
        },
        {
          label: 'Mobilisation locale',
          winners: [
            { title: 'Des vélos pour tous', votes: 1, emailed: false },
            { title: 'Le jardin partagé', company: 'Jardins', votes: 1, emailed: true },
          ],
        },
        { label: 'Environnement', winners: [] },
      ],
      resultsUrl: url,
      consoleUrl: url,
    }),
  ],
  articleAnswerTeamEmail: () => [
    articleEmails.articleAnswerTeamEmail({
      ...who,
      company: 'Atelier du Val',
      version: 2,
      consoleUrl: url,
      approvedBy: 'Claire Martin',
    }),
    articleEmails.articleAnswerTeamEmail({
      ...nameless,
      version: 1,
      consoleUrl: url,
      comments: 'merci de citer notre partenaire.',
    }),
  ],
};

/** The exported functions of the email modules that build an Email (the shared helpers aside). */
const builders = Object.entries({ ...emails, ...timelineEmails, ...articleEmails, ...winnerEmails })
  .filter(([name, value]) => typeof value === 'function' && /Email$/.test(name) && name !== 'renderEmail')
  .map(([name]) => name);

const issuesOf = (email: Email) => [
  ...frenchStyleIssues(email.subject).map((i) => `subject « ${email.subject} »: ${i}`),
  ...frenchStyleIssues(htmlText(email.html)).map((i) => `html: ${i}`),
  ...frenchStyleIssues(email.text).map((i) => `text: ${i}`),
];

describe('one French style', () => {
  it('has a case for every email builder', () => {
    expect(builders.length).toBeGreaterThan(15);
    expect(builders.filter((name) => !EMAILS[name])).toEqual([]);
  });

  for (const [name, build] of Object.entries(EMAILS)) {
    it(`${name}: every variant`, () => {
      const built = build();
      expect(built.length).toBeGreaterThan(0);
      expect(built.flatMap(issuesOf)).toEqual([]);
    });
  }

  it('emails keep what people typed as typed', () => {
    const typed = { firstName: "Zoé d'Arc", initiativeName: "L'atelier : vélos" };
    const email = timelineEmails.selectedEmail({ ...typed, validationEndLabel: dateLabel, launchLabel: dateLabel });
    expect(email.subject).toBe("Bonne nouvelle\u00a0: votre initiative «\u00a0L'atelier : vélos\u00a0» est retenue");
    expect(email.text).toContain("Bonjour Zoé d'Arc,");
  });

  it('a first email before the initiative has a name has a sensible subject', () => {
    expect(emails.welcomeEmail({ resumeUrl: url, deadlineLabel }).subject).toBe(
      'Votre lien personnel pour compléter votre candidature',
    );
    expect(emails.welcomeEmail({ ...who, resumeUrl: url, deadlineLabel }).subject).toBe(
      'Votre candidature «\u00a0La recyclerie du Val\u00a0»\u00a0: votre lien personnel',
    );
  });

  const sites = {
    launched: fixtureSite(),
    'launched, vote closed with its results': fixtureSite({
      campaign: fixtureCampaign({
        phase: 'closed',
        voting: { showCounts: true },
        prizes: { 'emploi-citoyennete': 'un reportage vidéo sur votre initiative' },
      }),
      results: fixtureResults(),
    }),
    'holding, applications open': fixtureSite({
      phase: 'holding',
      initiatives: [],
      campaign: fixtureCampaign({ phase: 'open' }),
      now: new Date('2028-02-01T10:00:00Z'),
    }),
    'holding, applications closed': fixtureSite({
      phase: 'holding',
      initiatives: [],
      campaign: fixtureCampaign({ phase: 'review' }),
      now: new Date('2028-03-10T10:00:00Z'),
    }),
    'holding, draft campaign': fixtureSite({
      phase: 'holding',
      initiatives: [],
      campaign: fixtureCampaign({ phase: 'draft' }),
      now: FIXTURE_NOW,
    }),
    'no campaign': fixtureSite({ phase: 'holding', initiatives: [], campaign: null }),
  };
  for (const [name, input] of Object.entries(sites)) {
    it(`every page of the public site (${name})`, () => {
      const site = renderSite(typesetDeep(input));
      const pages = [...site].filter(([path]) => path.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(3);
      const issues = pages.flatMap(([path, file]) =>
        frenchStyleIssues(htmlText(String(file.body))).map((i) => `${path}: ${i}`),
      );
      expect(issues).toEqual([]);
    });
  }

  // The browser apps' pages (form, printable release, console, validation, vote confirmation, 404), as
  // the frontend build writes them: their text is typeset there like the site's templates.
  // What their scripts write into the pages: messages, labels, statuses (frontend/**/*.ts, the build aside).
  it('the texts of the browser apps’ scripts', async () => {
    const files = (await readdir(path.resolve(import.meta.dirname, '../../frontend'), { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !/build/.test(file),
    );
    expect(files.length).toBeGreaterThan(30);
    const issues = [];
    for (const file of files) {
      const source = await readFile(path.resolve(import.meta.dirname, '../../frontend', file), 'utf8');
      for (const { line, text } of scriptTexts(file, source))
        issues.push(...frenchStyleIssues(htmlText(text)).map((i) => `frontend/${file}:${line}: ${i}`));
    }
    expect(issues).toEqual([]);
  });

  // What the functions say in their own words: the API's answers and validation messages (the form shows
  // the same rules), statuses, the PDFs' texts. The email and page templates are checked above on what
  // they render (they are typeset then), and logs and plain `new Error` are for developers.
  it('the texts of the functions: API answers, validation messages, PDFs', async () => {
    const root = path.resolve(import.meta.dirname, '../../functions');
    const rendered = /^domain\/(?:site\/|[\w-]*emails\.ts$|newsletter\.ts$|french\.ts$)/;
    const files = (await readdir(root, { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !rendered.test(file),
    );
    expect(files.length).toBeGreaterThan(100);
    const issues = [];
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const { line, text } of scriptTexts(file, source))
        issues.push(...frenchStyleIssues(htmlText(text)).map((i) => `functions/${file}:${line}: ${i}`));
    }
    expect(issues).toEqual([]);
  });

  it('the static pages of the browser apps', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'avenir-frontend-'));
    try {
      await buildFrontend(out);
      const pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.html'));
      expect(pages.length).toBeGreaterThanOrEqual(6);
      const issues = [];
      for (const page of pages)
        issues.push(
          ...frenchStyleIssues(htmlText(await readFile(path.join(out, page), 'utf8'))).map((i) => `${page}: ${i}`),
        );
      expect(issues).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('dates say « 1er » for the first of a month', () => {
    expect(formatParisDate('2028-03-01T09:00:00+01:00')).toBe('1er mars 2028');
    expect(formatParisDateTime('2028-02-29T23:30:00Z')).toBe('1er mars 2028 à 0 h 30'); // already March in Paris
    expect(formatParisDate('2028-03-02T09:00:00+01:00')).toBe('2 mars 2028');
    expect(dayOfMonth(1)).toBe('1er');
  });

  it('the rules module: typeset, fr, templates, plurals', () => {
    expect(typeset("L'appel : « Nos territoires » ; vraiment ? Oui !")).toBe(
      'L’appel\u00a0: «\u00a0Nos territoires\u00a0»\u202f; vraiment\u202f? Oui\u202f!',
    );
    expect(typeset(typeset("L'appel : « x »"))).toBe(typeset("L'appel : « x »"));
    expect(typeset('https://example.org/a?b=1 9:30')).toBe('https://example.org/a?b=1 9:30');
    expect(fr`Votre dossier « ${"L'atelier : x"} » : complet`).toBe(
      "Votre dossier «\u00a0L'atelier : x\u00a0»\u00a0: complet",
    );
    expect(typesetTemplate(`<p style="margin:0;color:#000" title="l'x">L'équipe : {{name}} « {{title}} »</p>`)).toBe(
      '<p style="margin:0;color:#000" title="l\'x">L’équipe\u00a0: {{name}} «\u00a0{{title}}\u00a0»</p>',
    );
    expect(capitalized(onlyLeft(1, 'jour', 'jours'))).toBe('Plus qu’un jour');
    expect(onlyLeft(3, 'jour', 'jours')).toBe('plus que 3 jours');
    expect(onlyLeft(1, 'semaine', 'semaines', true)).toBe('plus qu’une semaine');
    expect([0, 1, 2].map((n) => plural(n, 'dossier', 'dossiers'))).toEqual(['0 dossier', '1 dossier', '2 dossiers']);
  });

  it('the checker finds what it is meant to find, and not in markup, URLs or code', () => {
    expect(frenchStyleIssues("L'appel : le 1 mars. Plus que 1 jour ! 2 dossier(s) « x » Note : Voici")).toHaveLength(
      10,
    );
    expect(
      frenchStyleIssues(
        htmlText(
          `<a href="https://x.org/a:b?c=d;e" style="a:b;c:d" title="l'x">ok</a><code>a : b</code><script>if (a) { b(); }</script>`,
        ),
      ),
    ).toEqual([]);
    expect(frenchStyleIssues('Voir https://x.org/?q=1 ou contact@x.org')).toEqual([]);
  });

  it('reads the texts of a script, not its code, logs or plain errors', () => {
    const source = [
      'const heading = "L\'initiative";',
      "throw conflict('Le dossier change : réessayez.');",
      'throw new PublishFailed(`La publication a échoué (${kind}) : ${message}`);',
      "log.info('email dropped: file erased', ids);",
      "throw new Error('remind: offset missing');",
      'document.querySelector(\'[data-step="company"]\');',
    ].join('\n');
    expect(scriptTexts('x.ts', source).map((t) => t.line)).toEqual([1, 2, 3, 3]);
  });
});
