// zod/mini: the form runs these very rules in the browser, where classic zod would weigh ~25 KB gzipped.
import { _coercedNumber } from 'zod/v4/core';
import * as z from 'zod/mini';
import { AXIS_IDS } from './axes.ts';

/**
 * The application form of the call (seed 000, « 1ère partie – inscription » and « 2ème partie –
 * candidature »). One schema, shared by the form (live checks), the API and the handlers.
 *
 * Each field is written once, with its label and maximum length, and yields two rules:
 * - `final`: what the call requires (filled in, minimum length, format). « J'envoie mon dossier »,
 *   the completeness check and the reminders judge the file by it; the form shows it as hints;
 * - `draft`: what autosave stores (the right type, trimmed, bounded). A draft keeps what was typed,
 *   a 300-character description or a half-typed email included: refusing it would lose it.
 */
interface FieldRules {
  final: z.ZodMiniType;
  draft: z.ZodMiniType;
}

/**
 * A draft may hold twice a field's maximum: a text pasted too long can be shortened in place (the
 * final rule still says the real maximum), and nobody can store megabytes.
 */
const DRAFT_SLACK = 2;

const draftText = (label: string, max: number) => {
  const cap = max * DRAFT_SLACK;
  return z
    .string({ error: `${label}\u00a0: du texte est attendu.` })
    .check(
      z.trim(),
      z.maxLength(cap, `${label}\u00a0: texte trop long pour être enregistré (${cap} caractères au maximum).`),
    );
};

/** A required text (application.ts builds the online release's fields with it too). */
export const text = (label: string, max = 200) => ({
  final: z
    .string({ error: `${label}\u00a0: champ obligatoire.` })
    .check(
      z.trim(),
      z.minLength(1, `${label}\u00a0: champ obligatoire.`),
      z.maxLength(max, `${label}\u00a0: ${max} caractères au maximum.`),
    ),
  draft: draftText(label, max),
});

/** A field with a format (postal code, phone): kept as typed in a draft, matched at the end. */
const formatted = (label: string, max: number, pattern: RegExp, message: string) => ({
  final: z.string({ error: `${label}\u00a0: champ obligatoire.` }).check(z.trim(), z.regex(pattern, message)),
  draft: draftText(label, max),
});

const optionalUrl = (label: string) => ({
  final: z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(500, `${label}\u00a0: 500 caractères au maximum.`),
      z.refine(
        (v) => v === '' || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v),
        `${label}\u00a0: indiquez une adresse complète, commençant par https://`,
      ),
    ),
  ),
  draft: z.optional(draftText(label, 500)),
});

/** The same rule for both (a choice among fixed values: there is nothing to keep half-made). */
const same = <T extends z.ZodMiniType>(schema: T) => ({ final: schema, draft: schema });

type Rules = Record<string, FieldRules>;
const pick = <R extends Rules, K extends keyof FieldRules>(rules: R, which: K) =>
  Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, rule[which]])) as { [F in keyof R]: R[F][K] };
/** The section as « J'envoie mon dossier » requires it. */
const finalSchema = <R extends Rules>(rules: R) => z.object(pick(rules, 'final'));
/**
 * The section as autosave stores it: the same fields, each optional and as typed (what `z.partial`
 * does, written out: the form's bundle then does without zod's partial).
 */
const draftSchema = <R extends Rules>(rules: R) =>
  z.object(
    Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, z.optional(rule.draft)])) as {
      [F in keyof R]: z.ZodMiniOptional<R[F]['draft']>;
    },
  );

export const DESCRIPTION_MIN = 1000;
export const DESCRIPTION_MAX = 2000;
/** A line of the 2016 Word form held about 100 characters: the call's 10 to 20 lines are 1000 to 2000 characters. */
export const CHARS_PER_LINE = 100;

// French numbers (0X XX XX XX XX or +33 / overseas +262…): a regex suffices for this one format,
// where a phone library would weigh ~150 KB in the form.
const PHONE = /^(?:(?:\+|00)(?:33|262|269|508|590|594|596|687|689)[\s.-]?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}$/;

const companyRules = {
  name: text('Nom de l’entreprise'),
  address: text('Adresse', 300),
  postalCode: formatted('Code postal', 10, /^\d{5}$/, 'Code postal\u00a0: 5 chiffres, par exemple 75011.'),
  city: text('Ville', 120),
  region: text('Région', 120),
  department: text('Département', 120),
};

const contactRules = {
  lastName: text('Nom', 120),
  firstName: text('Prénom', 120),
  phone: formatted('Téléphone', 30, PHONE, 'Téléphone\u00a0: indiquez un numéro français, par exemple 01 23 45 67 89.'),
  email: {
    final: z
      .email({ error: 'Courriel\u00a0: indiquez une adresse valide, par exemple prenom.nom@exemple.fr.' })
      .check(z.trim(), z.toLowerCase(), z.maxLength(254)),
    draft: draftText('Courriel', 254).check(z.toLowerCase()),
  },
  role: text('Fonction dans l’entreprise', 160),
};

const initiativeRules = {
  name: text('Nom de l’initiative', 160),
  axis: same(z.enum(AXIS_IDS, { error: 'Axe\u00a0: choisissez l’un des trois axes.' })),
  description: {
    final: z
      .string({ error: 'Description\u00a0: champ obligatoire.' })
      .check(
        z.trim(),
        z.minLength(
          DESCRIPTION_MIN,
          `Description\u00a0: au moins ${DESCRIPTION_MIN} caractères (environ ${DESCRIPTION_MIN / CHARS_PER_LINE} lignes).`,
        ),
        z.maxLength(
          DESCRIPTION_MAX,
          `Description\u00a0: ${DESCRIPTION_MAX} caractères au maximum (environ ${DESCRIPTION_MAX / CHARS_PER_LINE} lignes).`,
        ),
      ),
    draft: draftText('Description', DESCRIPTION_MAX),
  },
  website: optionalUrl('Site web'),
  twitter: optionalUrl('Compte Twitter / X'),
  facebook: optionalUrl('Page Facebook'),
  otherLinks: optionalUrl('Autre lien'),
};

export const companySchema = finalSchema(companyRules);
export const contactSchema = finalSchema(contactRules);
export const initiativeSchema = finalSchema(initiativeRules);

/** A complete set of fields: what completeness requires (here, so that the form can run completeness too). */
export const applicationFieldsSchema = z.object({
  company: companySchema,
  contact: contactSchema,
  initiative: initiativeSchema,
});

export const companyDraftSchema = draftSchema(companyRules);
export const contactDraftSchema = draftSchema(contactRules);
export const initiativeDraftSchema = draftSchema(initiativeRules);

export const PHOTO_SLOTS = [1, 2, 3, 4] as const;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const RELEASE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
export const MAX_RELEASE_BYTES = 10 * 1024 * 1024;
/** « 20 Mo »: the limits as the form's hints and the messages say them. */
export const megabytes = (bytes: number) => `${bytes / 2 ** 20} Mo`;

/** An upload's announcement (functions/domain/application.ts joins the two kinds), checked by the form before it sends. */
export const photoUploadSchema = z.object({
  kind: z.literal('photo'),
  // z.coerce.number(), spelt out: zod/mini's `coerce` namespace would bring its boolean, bigint and date schemas into the form.
  slot: _coercedNumber(z.ZodMiniNumber).check(
    z.int(),
    z.refine((n) => PHOTO_SLOTS.includes(n as 1), 'Photo\u00a0: emplacement 1 à 4.'),
  ),
  contentType: z.enum(PHOTO_CONTENT_TYPES, {
    error:
      'Photo\u00a0: formats acceptés JPEG, PNG ou WebP. Une photo d’iPhone (HEIC)\u00a0: choisissez «\u00a0Plus compatible\u00a0» dans Réglages > Appareil photo > Formats, ou envoyez-la depuis l’application Photos qui la convertit.',
  }),
  size: z
    .number()
    .check(
      z.int(),
      z.positive('Photo\u00a0: le fichier est vide.'),
      z.maximum(MAX_PHOTO_BYTES, `Photo\u00a0: ${megabytes(MAX_PHOTO_BYTES)} au maximum.`),
    ),
});

export const releaseUploadSchema = z.object({
  kind: z.literal('release'),
  contentType: z.enum(RELEASE_CONTENT_TYPES, { error: 'Décharge\u00a0: formats acceptés PDF, JPEG, PNG ou WebP.' }),
  size: z
    .number()
    .check(
      z.int(),
      z.positive('Décharge\u00a0: le fichier est vide.'),
      z.maximum(MAX_RELEASE_BYTES, `Décharge\u00a0: ${megabytes(MAX_RELEASE_BYTES)} au maximum.`),
    ),
  imageCount: z
    .number()
    .check(z.int(), z.minimum(1, 'Indiquez le nombre d’images couvertes par la décharge.'), z.maximum(20)),
});

/** A photo's caption and credit: the form's fields stop there (maxlength), the API checks (application.ts). */
export const CAPTION_MAX = 200;
export const CREDIT_MAX = 120;
