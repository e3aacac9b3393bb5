import type { DecisionInput } from '../../functions/domain/timeline.ts';
import { field, radios } from './ui.ts';

/** Said when a decision form is sent without « Retenu » or « Non retenu ». */
export const CHOOSE_OUTCOME = 'Choisissez «\u00a0Retenu\u00a0» ou «\u00a0Non retenu\u00a0».';

/**
 * The fields of a decision, for one file (its screen) or a selection (the list's grouped decision):
 * the outcome, the two internal notes and the comment sent with the announcement. `read` gives the
 * API's body, or no outcome when none is chosen.
 */
export function decisionFields(options: {
  current?: Partial<DecisionInput> | null;
  rows: number;
  relevanceHint: string;
  notesHint: string;
  commentHint: string;
}): { controls: HTMLElement[]; read: () => Partial<DecisionInput> } {
  const { current, rows } = options;
  const outcome = radios(
    'Décision',
    'outcome',
    [
      { value: 'selected', label: 'Retenu' },
      { value: 'not-selected', label: 'Non retenu' },
    ],
    current?.outcome,
  );
  const note = (label: string, name: keyof DecisionInput, hint: string, lines = rows) =>
    field({ label, name, rows: lines, value: current?.[name], hint });
  const relevance = note('Pertinence de l’initiative par rapport à l’axe retenu', 'relevance', options.relevanceHint);
  const results = note('Résultats de l’initiative', 'results', options.notesHint);
  const comment = note('Commentaire', 'comment', options.commentHint, 2);
  return {
    controls: [outcome, relevance.wrapper, results.wrapper, comment.wrapper],
    read: () => ({
      outcome: (outcome.querySelector('input[name="outcome"]:checked') as HTMLInputElement | null)?.value as
        DecisionInput['outcome'] | undefined,
      relevance: relevance.control.value.trim() || undefined,
      results: results.control.value.trim() || undefined,
      comment: comment.control.value.trim() || undefined,
    }),
  };
}
