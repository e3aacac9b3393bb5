import type { DraftFields } from './application.ts';
import { axisLabel } from './axes.ts';
import { formatParisDateTime } from './campaign.ts';
import { NBSP, plural } from './french.ts';

/**
 * The file's summary, attached as a PDF to the « dossier complet » email: everything the applicant
 * gave, as the form asked it, with the file's reference and the day it was drawn up (Paris time).
 * Pure: this module writes the texts (ours typeset, what was typed as typed); the PDF is drawn by
 * functions/services/file-summary.ts.
 */

export interface FileSummaryInput {
  reference: string;
  campaignTitle: string;
  fields: Partial<DraftFields>;
  /** The photos of the file (ready ones), by slot. */
  photos: { slot: number; caption?: string; credit?: string }[];
  release:
    { mode: 'online'; signatory: string; signedAt: string; imageCount: number } | { mode: 'scan'; imageCount: number };
  /** When the summary is drawn up (ISO). */
  at: string;
}

export interface SummarySection {
  heading: string;
  /** « Label : value » lines. */
  lines: string[];
  /** A long text under its own label (the description), in its paragraphs. */
  text?: { label: string; paragraphs: string[] };
}

export interface FileSummary {
  title: string;
  subtitle: string;
  reference: string;
  issued: string;
  sections: SummarySection[];
  /** One entry per photo, in slot order: its caption line and its credit line. */
  photos: { slot: number; caption: string; credit: string }[];
  release: string;
}

/** « Label : value », the value as typed, or « non renseigné(e) » in the words of the label. */
const line = (label: string, value: string | undefined, missing = 'non renseigné') =>
  `${label}${NBSP}: ${value?.trim() || missing}`;

const LINKS = [
  ['website', 'Site web'],
  ['twitter', 'Compte Twitter / X'],
  ['facebook', 'Page Facebook'],
  ['otherLinks', 'Autre lien'],
] as const;

/** The description's paragraphs as typed (its line breaks kept, blank lines dropped). */
const paragraphs = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function fileSummary(input: FileSummaryInput): FileSummary {
  const { company = {}, contact, initiative = {} } = input.fields;
  const links = LINKS.filter(([key]) => initiative[key]?.trim()).map(([key, label]) => line(label, initiative[key]));
  const release = input.release;
  return {
    title: 'Récapitulatif du dossier',
    subtitle: `Appel à initiatives «\u00a0${input.campaignTitle}\u00a0»`,
    reference: line('Référence du dossier', input.reference),
    issued: `Établi le ${formatParisDateTime(input.at)} (heure de Paris), quand le dossier a été déclaré complet.`,
    sections: [
      {
        heading: 'L’initiative',
        lines: [
          line('Nom de l’initiative', initiative.name),
          line('Axe', initiative.axis && axisLabel(initiative.axis)),
          ...(links.length ? links : [line('Liens', undefined, 'aucun')]),
        ],
        text: { label: 'Description de l’initiative', paragraphs: paragraphs(initiative.description) },
      },
      {
        heading: 'L’entreprise',
        lines: [
          line('Nom de l’entreprise', company.name),
          line('Adresse', company.address),
          line('Code postal', company.postalCode),
          line('Ville', company.city),
          line('Département', company.department),
          line('Région', company.region),
        ],
      },
      {
        heading: 'La personne à contacter',
        lines: [
          line('Nom', contact?.lastName),
          line('Prénom', contact?.firstName),
          line('Fonction dans l’entreprise', contact?.role),
          line('Téléphone', contact?.phone),
          line('Courriel', contact?.email),
        ],
      },
    ],
    photos: [...input.photos]
      .sort((a, b) => a.slot - b.slot)
      .map((p) => ({
        slot: p.slot,
        caption: line(`Photo ${p.slot}`, p.caption, 'sans légende'),
        credit: p.credit?.trim() ? `© ${p.credit.trim()}` : 'Crédit non renseigné',
      })),
    release:
      release.mode === 'online'
        ? `Décharge droit à l’image signée en ligne par ${release.signatory} le ${formatParisDateTime(release.signedAt)} (heure de Paris), pour ${plural(release.imageCount, 'image', 'images')}.`
        : `Décharge droit à l’image signée à la main, déposée et reçue, pour ${plural(release.imageCount, 'image', 'images')}.`,
  };
}
