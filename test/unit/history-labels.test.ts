import { describe, expect, it } from 'vitest';
import { historyLabel } from '../../frontend/admin/labels.ts';
import { emailHistory, type HistoryEmailKind } from '../../functions/domain/history.ts';

/** The console's history, in French: each email a file's history records reads as words, not as its code. */
describe('the history of a file, as the console writes it', () => {
  const kinds: HistoryEmailKind[] = [
    'welcome',
    'complete',
    'missing',
    'release-copy',
    'reminder',
    'not-processed',
    'decision',
    'validation-reminder',
    'launch',
    'winner',
  ];

  it('names every email kind in French', () => {
    for (const kind of kinds) {
      const label = historyLabel(emailHistory(kind));
      expect(label).toMatch(/^Courriel envoyé\u00a0: [a-zàâçéèêëîïôûù’ ]+$/);
      expect(label, kind).not.toContain(kind);
    }
  });

  it('says the decision announced and to whom a copy of the release went, never an address', () => {
    expect(historyLabel(emailHistory('decision', { outcome: 'selected' }))).toBe(
      'Courriel envoyé\u00a0: annonce de la décision (Retenu)',
    );
    expect(historyLabel(emailHistory('release-copy', { recipient: 'signatory' }))).toBe(
      'Courriel envoyé\u00a0: copie de la décharge signée au signataire',
    );
    expect(historyLabel(emailHistory('release-copy', { recipient: 'contact' }))).toBe(
      'Courriel envoyé\u00a0: copie de la décharge signée au contact',
    );
    expect(historyLabel(emailHistory('launch'))).toBe('Courriel envoyé\u00a0: initiative en ligne');
  });
});
