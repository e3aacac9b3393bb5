import { ARTICLE_LABELS } from '../../functions/domain/article.ts';
import { AXES } from '../../functions/domain/axes.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import type { HistoryEmailKind } from '../../functions/domain/history.ts';
import type { ReleaseCopyRole } from '../../functions/domain/release-copy.ts';

/** French labels of the values the console shows, and the tone of their badges. */
export const STATUS: Record<string, [string, string]> = {
  draft: ['Brouillon', 'neutral'],
  incomplete: ['Incomplet', 'warning'],
  complete: ['Complet', 'ok'],
};
export const DECISION: Record<string, [string, string]> = {
  selected: ['Retenu', 'ok'],
  'not-selected': ['Non retenu', 'error'],
  none: ['Sans décision', 'neutral'],
};
const ARTICLE_TONES: Record<keyof typeof ARTICLE_LABELS, string> = {
  none: 'neutral',
  draft: 'neutral',
  sent: 'info',
  'changes-requested': 'warning',
  approved: 'ok',
};
export const ARTICLE: Record<string, [string, string]> = Object.fromEntries(
  Object.entries(ARTICLE_TONES).map(([status, tone]) => [
    status,
    [ARTICLE_LABELS[status as keyof typeof ARTICLE_TONES], tone],
  ]),
);
export const PHASE: Record<string, string> = {
  draft: 'En préparation',
  open: 'Dépôts ouverts',
  review: 'Examen des dossiers',
  validation: 'Validation des articles',
  launched: 'Site en ligne, votes ouverts',
  closed: 'Terminée',
};
export const DATE_LABELS: Record<keyof Campaign['dates'], string> = {
  open: 'Ouverture',
  deadline: 'Date limite de dépôt',
  notification: 'Annonce des décisions',
  validationEnd: 'Fin de la validation des articles',
  launch: 'Lancement du site',
  votingClose: 'Clôture des votes',
};

export const axisLabel = (id: string) => AXES.find((a) => a.id === id)?.label ?? (id || 'non renseigné');
export const AXIS_OPTIONS = AXES.map((a) => ({ value: a.id, label: a.label }));

const EMAIL_KINDS: Record<HistoryEmailKind, string> = {
  welcome: 'lien personnel',
  complete: 'dossier complet',
  missing: 'pièces manquantes',
  'release-copy': 'copie de la décharge signée',
  reminder: 'rappel avant la date limite',
  'not-processed': 'dossier non examiné',
  decision: 'annonce de la décision',
  'validation-reminder': 'rappel de validation de l’article',
  launch: 'initiative en ligne',
  winner: 'lauréat du vote du public',
};
const RECIPIENTS: Record<ReleaseCopyRole, string> = { contact: 'au contact', signatory: 'au signataire' };

/** The file's fields by path (`section.key`): the rectification form, and the history's « champs corrigés ». */
export const FIELD_LABELS: Record<string, string> = {
  'company.name': 'Nom de l’entreprise',
  'company.address': 'Adresse',
  'company.postalCode': 'Code postal',
  'company.city': 'Ville',
  'company.department': 'Département',
  'company.region': 'Région',
  'contact.lastName': 'Nom du contact',
  'contact.firstName': 'Prénom du contact',
  'contact.role': 'Fonction du contact',
  'contact.phone': 'Téléphone',
  'contact.email': 'Courriel',
  'initiative.name': 'Nom de l’initiative',
  'initiative.axis': 'Axe',
  'initiative.description': 'Description',
  'initiative.website': 'Site web',
  'initiative.twitter': 'Twitter / X',
  'initiative.facebook': 'Facebook',
  'initiative.otherLinks': 'Autre lien',
};

/** An email of the history: « annonce de la décision (Retenu) », « copie de la décharge signée au signataire »… */
function emailLabel(entry: Record<string, unknown>): string {
  const kind = EMAIL_KINDS[entry.kind as HistoryEmailKind] ?? String(entry.kind);
  const outcome = entry.outcome ? ` (${DECISION[String(entry.outcome)]?.[0] ?? String(entry.outcome)})` : '';
  const recipient = entry.recipient
    ? ` ${RECIPIENTS[entry.recipient as ReleaseCopyRole] ?? String(entry.recipient)}`
    : '';
  return kind + outcome + recipient;
}

/** One line of a file's history, in French. */
export function historyLabel(entry: Record<string, unknown>): string {
  const by = entry.by ? ` (${String(entry.by)})` : '';
  switch (entry.type) {
    case 'created':
      return 'Dossier créé';
    case 'status':
      return `Statut\u00a0: ${STATUS[String(entry.from)]?.[0] ?? entry.from} → ${STATUS[String(entry.to)]?.[0] ?? entry.to}`;
    case 'email':
      return `Courriel envoyé\u00a0: ${emailLabel(entry)}`;
    case 'release':
      return entry.mode === 'online' ? 'Décharge signée en ligne' : 'Décharge déposée';
    case 'photo':
      return entry.state === 'ready' ? `Photo ${entry.slot} déposée et acceptée` : `Photo ${entry.slot} refusée`;
    case 'decision':
      return `Décision\u00a0: ${DECISION[String(entry.outcome)]?.[0] ?? entry.outcome}${by}`;
    case 'article-sent':
      return `Article envoyé pour validation, version ${entry.version}${by}`;
    case 'article-changes':
      return `L’entreprise demande des modifications (version ${entry.version})`;
    case 'withdrawn':
      return `Initiative retirée du site à la demande de l’entreprise${by}`;
    case 'rectification':
      return `Dossier corrigé${by}\u00a0: ${String(entry.fields ?? '')
        .split(' ')
        .map((path) => FIELD_LABELS[path] ?? path)
        .join(', ')}`;
    case 'article-approved':
      return `Article validé par l’entreprise (version ${entry.version})${by}`;
    default:
      return String(entry.type ?? 'Évènement');
  }
}
