/**
 * The axes' ids, apart from their texts: the form's bundle checks the choice (application-fields.ts) without
 * carrying the descriptions, which its page shows already (rendered at build time). AXES repeats
 * them as literals, so that the bundler can leave it out, and `satisfies` holds them to this list.
 */
export const AXIS_IDS = ['emploi-citoyennete', 'mobilisation-cooperations', 'environnement-economie'] as const;
export type AxisId = (typeof AXIS_IDS)[number];

/** The three axes of the call (seed 000), with a short description written for applicants. */
export const AXES = [
  {
    id: 'emploi-citoyennete',
    label: 'Emploi & Citoyenneté',
    description:
      'Créer de l’emploi et une citoyenneté active pour toutes et tous\u00a0: sécuriser les parcours professionnels, inventer des formations, donner aux salariés du pouvoir d’agir (participation, gouvernance, égalité femmes-hommes, lutte contre les discriminations, l’illettrisme ou la fracture numérique).',
  },
  {
    id: 'mobilisation-cooperations',
    label: 'Mobilisation locale & coopérations innovantes',
    description:
      'Réunir un large cercle d’acteurs pour créer ou maintenir des activités utiles au territoire\u00a0: services innovants (précarité énergétique, conciergerie rurale, culture, tourisme…), financements solidaires (fonds de territoire, financement participatif, monnaies locales), animation du territoire (tiers-lieux, incubateurs, PTCE, coopératives d’activités).',
  },
  {
    id: 'environnement-economie',
    label: 'Environnement & nouvelle économie',
    description:
      'Protéger les ressources et la planète et développer d’autres formes d’échanges\u00a0: transition énergétique, biodiversité, éco-construction, agriculture urbaine, économie circulaire et recyclage, circuits courts, consommation collaborative, systèmes d’échanges locaux, création de communs.',
  },
] as const satisfies readonly { id: AxisId; label: string; description: string }[];

export function axisLabel(id: string): string {
  return AXES.find((a) => a.id === id)?.label ?? id;
}
