import { describe, expect, it } from 'vitest';
import {
  answerOutcome,
  articlePhotos,
  draftVersion,
  photoIssues,
  sendRefusal,
  suggestArticle,
  type ArticleRecord,
} from '../../functions/domain/article-workflow.ts';
import { articleAnswerTeamEmail, articleToValidateEmail } from '../../functions/domain/article-emails.ts';
import { completeFields } from '../support/fixtures.ts';

const dates = { validationEnd: '2028-05-15T21:59:59Z' };
const before = new Date('2028-04-01T10:00:00Z');
const after = new Date('2028-05-16T10:00:00Z');
const article = {
  title: 'Titre',
  lead: 'Chapeau',
  body: 'Texte',
  moreInfo: '',
  links: [],
  photoOrder: [2, 1],
  photoTexts: { '2': { caption: 'Légende de l’article', credit: '' } },
};
const record = (over: Partial<ArticleRecord>): ArticleRecord => ({
  applicationId: 'a',
  campaignId: 'c',
  status: 'sent',
  version: 1,
  sentVersion: 1,
  article,
  revision: 3,
  updatedAt: '2028-04-01T09:00:00Z',
  updatedBy: 'admin@example.org',
  comments: [],
  ...over,
});

describe('article versions', () => {
  it('keeps the version while a draft, starts the next one once a version went out', () => {
    expect(draftVersion(undefined)).toBe(1);
    expect(draftVersion(record({ status: 'draft', version: 1, sentVersion: undefined }))).toBe(1);
    expect(draftVersion(record({ status: 'sent' }))).toBe(2);
    expect(draftVersion(record({ status: 'changes-requested' }))).toBe(2);
    expect(draftVersion(record({ status: 'approved', version: 2 }))).toBe(3);
  });

  it('sends only announced, selected files, within the validation period', () => {
    const campaign = { dates: dates as never };
    expect(sendRefusal({ decision: { outcome: 'not-selected' }, decisionSentAt: 'x' }, campaign, before)).toMatch(
      /retenues/,
    );
    expect(sendRefusal({ decision: { outcome: 'selected' } }, campaign, before)).toMatch(/pas encore été annoncée/);
    expect(sendRefusal({ decision: { outcome: 'selected' }, decisionSentAt: 'x' }, campaign, after)).toMatch(
      /terminée/,
    );
    expect(sendRefusal({ decision: { outcome: 'selected' }, decisionSentAt: 'x' }, campaign, before)).toBeUndefined();
  });

  it('refuses photos the file does not have, or twice the same', () => {
    expect(photoIssues(article, [1, 2, 3])).toEqual([]);
    expect(photoIssues({ ...article, photoOrder: [5] }, [1, 2])[0]?.message).toMatch(/Photo 5/);
    expect(photoIssues({ ...article, photoOrder: [1, 1] }, [1, 2])).toHaveLength(1);
  });
});

describe("the enterprise's answers", () => {
  const campaign = { dates: dates as never };
  const changes = { action: 'changes' as const, text: 'Corrigez le nom.' };

  it('applies an answer to the version awaiting one, replays the same answer, refuses the rest', () => {
    expect(answerOutcome(record({}), { action: 'approve' }, 1, campaign, before)).toEqual({ kind: 'apply' });
    expect(
      answerOutcome(record({ status: 'approved', approvedVersion: 1 }), { action: 'approve' }, 1, campaign, before),
    ).toEqual({ kind: 'replay' });
    expect(
      answerOutcome(
        record({ status: 'changes-requested', comments: [{ version: 1, at: 'x', text: changes.text }] }),
        changes,
        1,
        campaign,
        before,
      ),
    ).toEqual({ kind: 'replay' });
    // Another remark on the same version is recorded; approving after asking for changes is allowed.
    expect(
      answerOutcome(
        record({ status: 'changes-requested', comments: [{ version: 1, at: 'x', text: 'Autre' }] }),
        changes,
        1,
        campaign,
        before,
      ),
    ).toEqual({ kind: 'apply' });
    expect(answerOutcome(record({ status: 'changes-requested' }), { action: 'approve' }, 1, campaign, before)).toEqual({
      kind: 'apply',
    });
  });

  it('refuses an older version, a version being revised, and any answer after the validation end', () => {
    expect(
      answerOutcome(record({ version: 2, sentVersion: 2 }), { action: 'approve' }, 1, campaign, before),
    ).toMatchObject({ kind: 'refused', message: expect.stringMatching(/nouvelle version/) });
    expect(
      answerOutcome(record({ status: 'draft', version: 2 }), { action: 'approve' }, 1, campaign, before),
    ).toMatchObject({ kind: 'refused', message: expect.stringMatching(/prépare une nouvelle version/) });
    expect(answerOutcome(record({}), changes, 1, campaign, after)).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/terminée/),
    });
    expect(
      answerOutcome(record({ status: 'approved', approvedVersion: 1 }), changes, 1, campaign, before),
    ).toMatchObject({ kind: 'refused', message: 'Cet article est déjà validé.' });
  });
});

describe('first draft and photos', () => {
  it('starts from the description, the links and the photos of the file', () => {
    const suggestion = suggestArticle(completeFields(), [
      { slot: 1, caption: 'Atelier', credit: 'Photo : C. D.' },
      { slot: 3 },
    ]);
    expect(suggestion).toMatchObject({
      title: 'La recyclerie du Val',
      body: completeFields().initiative.description,
      photoOrder: [1, 3],
    });
    expect(suggestion.links).toEqual([{ label: 'Site web', url: 'https://recyclerie-du-val.example.org' }]);
    expect(suggestion.photoTexts['1']).toEqual({ caption: 'Atelier', credit: 'Photo : C. D.' });
  });

  it('lists the ready photos in the article order, with its captions first', () => {
    const variants = [{ width: 400, height: 300, format: 'webp' as const, key: 'media/a/1.webp' }];
    const photos = articlePhotos(article, [
      { slot: 1, state: 'ready', caption: 'Du dossier', variants },
      { slot: 2, state: 'ready', caption: 'Du dossier', variants },
      { slot: 3, state: 'rejected' },
    ]);
    expect(photos.map((p) => [p.slot, p.caption])).toEqual([
      [2, 'Légende de l’article'],
      [1, 'Du dossier'],
    ]);
  });

  it('emails the link with the version, escaping what the applicant typed', () => {
    const email = articleToValidateEmail({
      firstName: '<b>Claire</b>',
      initiativeName: 'Vélos',
      validationUrl: 'https://x.example/validation/#jeton=abc',
      validationEndLabel: '15 mai 2028',
      version: 2,
    });
    expect(email.subject).toBe('Nouvelle version de l’article «\u00a0Vélos\u00a0» à relire');
    expect(email.html).toContain('&lt;b&gt;Claire&lt;/b&gt;');
    expect(email.text).toContain('https://x.example/validation/#jeton=abc');
  });

  it('tells the team what the enterprise answered, escaping its words', () => {
    const consoleUrl = 'https://x.example/admin/#/dossiers/a/article';
    const changes = articleAnswerTeamEmail({
      initiativeName: 'Vélos',
      company: 'Roue <i>Libre</i>',
      version: 3,
      consoleUrl,
      comments: 'Ajoutez <script>x</script>\nnotre partenaire',
    });
    expect(changes.subject).toBe('Modifications demandées\u00a0: «\u00a0Vélos\u00a0»');
    expect(changes.html).toContain('Ajoutez &lt;script&gt;x&lt;/script&gt;');
    expect(changes.html).toContain('Roue &lt;i&gt;Libre&lt;/i&gt;');
    expect(changes.text).toContain('version 3');
    expect(changes.text).toContain(consoleUrl);
    const approved = articleAnswerTeamEmail({
      initiativeName: 'Vélos',
      version: 2,
      consoleUrl,
      approvedBy: 'Claire Martin',
    });
    expect(approved.subject).toBe('Article validé par l’entreprise\u00a0: «\u00a0Vélos\u00a0»');
    expect(approved.text).toContain('L’entreprise a validé la version 2');
    expect(approved.text).toContain('Claire Martin');
    expect(approved.text).not.toContain('Préparez');
  });
});
