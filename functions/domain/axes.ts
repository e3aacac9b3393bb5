/** The three axes of the call (seed 000), with a short description written for applicants. */
export const AXES = [
  {
    id: 'emploi-citoyennete',
    label: 'Emploi & Citoyenneté',
    description:
      "Créer de l'emploi et une citoyenneté active pour toutes et tous : sécuriser les parcours professionnels, inventer des formations, donner aux salariés du pouvoir d'agir (participation, gouvernance, égalité femmes-hommes, lutte contre les discriminations, l'illettrisme ou la fracture numérique).",
  },
  {
    id: 'mobilisation-cooperations',
    label: 'Mobilisation locale & coopérations innovantes',
    description:
      "Réunir un large cercle d'acteurs pour créer ou maintenir des activités utiles au territoire : services innovants (précarité énergétique, conciergerie rurale, culture, tourisme…), financements solidaires (fonds de territoire, financement participatif, monnaies locales), animation du territoire (tiers-lieux, incubateurs, PTCE, coopératives d'activités).",
  },
  {
    id: 'environnement-economie',
    label: 'Environnement & nouvelle économie',
    description:
      "Protéger les ressources et la planète et développer d'autres formes d'échanges : transition énergétique, biodiversité, éco-construction, agriculture urbaine, économie circulaire et recyclage, circuits courts, consommation collaborative, systèmes d'échanges locaux, création de communs.",
  },
] as const;

export type AxisId = (typeof AXES)[number]['id'];
export const AXIS_IDS = AXES.map((a) => a.id) as [AxisId, ...AxisId[]];

export function axisLabel(id: string): string {
  return AXES.find((a) => a.id === id)?.label ?? id;
}
