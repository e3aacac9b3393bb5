// The form runs this rule too (its checklist): application-fields.ts, not application.ts, keeps its bundle small.
import { applicationFieldsSchema, PHOTO_SLOTS } from './application-fields.ts';
import type { ApplicationStatus, DraftFields } from './application.ts';
import type { FieldIssue } from './errors.ts';
import { plural } from './french.ts';

/** Stored state of one photo slot, as the completeness rule needs it. */
export interface PhotoState {
  slot: number;
  state: 'processing' | 'ready' | 'rejected';
  message?: string;
}
export type ReleaseState =
  | { mode: 'online'; imageCount: number }
  | { mode: 'scan'; state: 'processing' | 'received' | 'rejected'; imageCount: number; message?: string };

export interface CompletenessInput {
  fields: Partial<DraftFields>;
  photos: PhotoState[];
  release: ReleaseState | null;
  photoCount: number;
  submitted: boolean;
}
export interface Completeness {
  complete: boolean;
  /** Something is still being checked: no verdict should be emailed yet. */
  pending: boolean;
  missing: FieldIssue[];
  status: ApplicationStatus;
}

/** Whole sections not started yet (the applicant sees these in reminders and in the form). */
const SECTIONS: Record<string, string> = {
  company: 'L’entreprise\u00a0: nom, adresse, code postal, ville, région et département à renseigner.',
  contact: 'La personne à contacter\u00a0: nom, prénom, téléphone, courriel et fonction à renseigner.',
  initiative: 'L’initiative\u00a0: nom, axe et description à renseigner.',
};

/** `draft` until « J'envoie mon dossier », then whether the file is complete. */
function fileStatus(submitted: boolean, complete: boolean): ApplicationStatus {
  if (!submitted) return 'draft';
  return complete ? 'complete' : 'incomplete';
}

/**
 * The one rule of the call: « les dossiers incomplets ne seront pas traités ». Complete = every
 * required field valid + exactly `photoCount` valid photos + a valid release whose declared number of
 * images matches. Pure: every handler that changes a file runs it on a consistent read.
 */
export function evaluateCompleteness(input: CompletenessInput): Completeness {
  const missing: FieldIssue[] = [];
  // The final rules, whatever the draft rules let autosave store (a short description, a half-typed
  // email): this is where they are judged, for « J'envoie mon dossier » and the reminders alike.
  const parsed = applicationFieldsSchema.safeParse(input.fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      // One line per field (its first problem), as the form lists them.
      if (missing.some((m) => m.field === field)) continue;
      // A section never started fails as a whole, with zod's English default: say it in French.
      missing.push({ field, message: SECTIONS[field] ?? issue.message });
    }
  }

  const slots = PHOTO_SLOTS.slice(0, input.photoCount);
  let ready = 0;
  let pending = false;
  for (const slot of slots) {
    const photo = input.photos.find((p) => p.slot === slot);
    if (photo?.state === 'ready') ready += 1;
    else if (photo?.state === 'processing') {
      pending = true;
      missing.push({
        field: `photos.${slot}`,
        message: `Photo ${slot}\u00a0: vérification en cours, patientez quelques secondes.`,
      });
    } else if (photo?.state === 'rejected') {
      missing.push({
        field: `photos.${slot}`,
        message: `Photo ${slot} refusée\u00a0: ${photo.message ?? 'fichier illisible.'} Remplacez-la.`,
      });
    } else
      missing.push({
        field: `photos.${slot}`,
        message: `Photo ${slot}\u00a0: à ajouter (${input.photoCount} photos sont demandées).`,
      });
  }

  const release = input.release;
  if (!release) {
    missing.push({
      field: 'release',
      message: 'Décharge droit à l’image\u00a0: à signer en ligne ou à déposer signée.',
    });
  } else if (release.mode === 'scan' && release.state === 'processing') {
    pending = true;
    missing.push({ field: 'release', message: 'Décharge droit à l’image\u00a0: vérification du fichier en cours.' });
  } else if (release.mode === 'scan' && release.state === 'rejected') {
    missing.push({
      field: 'release',
      message: `Décharge droit à l’image refusée\u00a0: ${release.message ?? 'fichier illisible.'}`,
    });
  } else if (release.imageCount !== input.photoCount) {
    missing.push({
      field: 'release',
      message: `Décharge droit à l’image\u00a0: elle couvre ${plural(release.imageCount, 'image', 'images')} alors que le dossier en demande ${input.photoCount}. Signez-la à nouveau avec le bon nombre.`,
    });
  }

  const complete = missing.length === 0 && ready === input.photoCount;
  return { complete, pending, missing, status: fileStatus(input.submitted, complete) };
}

/** A line of the file's history, as far as emails about completeness are concerned. */
export interface HistoryLine {
  type: string;
  kind?: unknown;
  verdict?: unknown;
}

/** What an email of the history told: `complete`, or the verdict it recorded (undefined if none). */
function toldBy(line: HistoryLine | undefined): string | undefined {
  if (line?.kind === 'complete') return 'complete';
  return typeof line?.verdict === 'string' ? line.verdict : undefined;
}

/** The email about completeness that « J'envoie mon dossier » sends, if any. */
export interface CompletenessNotice {
  kind: 'complete' | 'missing';
  /** What it tells (recorded with it in the history): `complete`, or `missing:` and the fields missing. */
  verdict: string;
  /** Its rank among the file's emails about completeness: its idempotency key is `<appId>#<kind>#<sequence>`. */
  sequence: number;
}

/** What an email tells about a verdict: « complet », or which fields are missing (not their wording). */
export function verdictOf(result: Completeness): string {
  return result.complete ? 'complete' : `missing:${result.missing.map((m) => m.field).join(',')}`;
}

/**
 * Whether the applicant who just sent the file is emailed, given what they were last told (the file's
 * history, oldest first). Only « J'envoie mon dossier » asks: an upload, a photo removed or an
 * autosave changes the status shown, never the mailbox. An email goes only when the verdict differs
 * from the last one told (« complet », « pièces manquantes » with its fields, or a reminder, which
 * says the file is not complete): « complet » once per return to complete, « pièces manquantes »
 * never twice for the same list, so the last email always says how the file stood when last sent.
 * Two concurrent submissions of the same state get the same sequence, hence the same key: one email.
 */
export function completenessNotice(result: Completeness, history: readonly HistoryLine[]): CompletenessNotice | null {
  // Something is still being checked: no verdict yet.
  if (result.pending) return null;
  const emails = history.filter((line) => line.type === 'email');
  const verdicts = emails.filter((line) => line.kind === 'complete' || line.kind === 'missing');
  const last = emails
    .filter((line) => line.kind === 'complete' || line.kind === 'missing' || line.kind === 'reminder')
    .at(-1);
  // A reminder, or an email recorded before verdicts were, told « not complete » without saying what:
  // any verdict of a submission differs from it.
  const told = toldBy(last);
  const verdict = verdictOf(result);
  if (verdict === told) return null;
  return { kind: result.complete ? 'complete' : 'missing', verdict, sequence: verdicts.length + 1 };
}
