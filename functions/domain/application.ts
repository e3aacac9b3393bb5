import * as z from 'zod';
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
  final: z.ZodType;
  draft: z.ZodType;
}

/**
 * A draft may hold twice a field's maximum: a text pasted too long can be shortened in place (the
 * final rule still says the real maximum), and nobody can store megabytes.
 */
const DRAFT_SLACK = 2;

const draftText = (label: string, max: number) => {
  const cap = max * DRAFT_SLACK;
  return z
    .string({ error: `${label} : du texte est attendu.` })
    .trim()
    .max(cap, `${label} : texte trop long pour être enregistré (${cap} caractères au maximum).`);
};

const text = (label: string, max = 200) => ({
  final: z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, `${label} : champ obligatoire.`)
    .max(max, `${label} : ${max} caractères au maximum.`),
  draft: draftText(label, max),
});

/** A field with a format (postal code, phone): kept as typed in a draft, matched at the end. */
const formatted = (label: string, max: number, pattern: RegExp, message: string) => ({
  final: z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .regex(pattern, message),
  draft: draftText(label, max),
});

const optionalUrl = (label: string) => ({
  final: z
    .string()
    .trim()
    .max(500, `${label} : 500 caractères au maximum.`)
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v),
      `${label} : indiquez une adresse complète, commençant par https://`,
    )
    .optional(),
  draft: draftText(label, 500).optional(),
});

/** The same rule for both (a choice among fixed values: there is nothing to keep half-made). */
const same = <T extends z.ZodType>(schema: T) => ({ final: schema, draft: schema });

type Rules = Record<string, FieldRules>;
const pick = <R extends Rules, K extends keyof FieldRules>(rules: R, which: K) =>
  Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, rule[which]])) as { [F in keyof R]: R[F][K] };
/** The section as « J'envoie mon dossier » requires it. */
const finalSchema = <R extends Rules>(rules: R) => z.object(pick(rules, 'final'));
/** The section as autosave stores it: the same fields, each optional and as typed. */
const draftSchema = <R extends Rules>(rules: R) => z.object(pick(rules, 'draft')).partial();

export const DESCRIPTION_MIN = 1000;
export const DESCRIPTION_MAX = 2000;
/** A line of the 2016 Word form held about 100 characters: the call's 10 to 20 lines are 1000 to 2000 characters. */
export const CHARS_PER_LINE = 100;

// French numbers (0X XX XX XX XX or +33 / overseas +262…): a regex suffices for this one format,
// where a phone library would weigh ~150 KB in the form.
const PHONE = /^(?:(?:\+|00)(?:33|262|269|508|590|594|596|687|689)[\s.-]?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}$/;

const companyRules = {
  name: text("Nom de l'entreprise"),
  address: text('Adresse', 300),
  postalCode: formatted('Code postal', 10, /^\d{5}$/, 'Code postal : 5 chiffres, par exemple 75011.'),
  city: text('Ville', 120),
  region: text('Région', 120),
  department: text('Département', 120),
};

const contactRules = {
  lastName: text('Nom', 120),
  firstName: text('Prénom', 120),
  phone: formatted('Téléphone', 30, PHONE, 'Téléphone : indiquez un numéro français, par exemple 01 23 45 67 89.'),
  email: {
    final: z
      .email({ error: 'Courriel : indiquez une adresse valide, par exemple prenom.nom@exemple.fr.' })
      .trim()
      .toLowerCase()
      .max(254),
    draft: draftText('Courriel', 254).toLowerCase(),
  },
  role: text("Fonction dans l'entreprise", 160),
};

const initiativeRules = {
  name: text("Nom de l'initiative", 160),
  axis: same(z.enum(AXIS_IDS, { error: 'Axe : choisissez l’un des trois axes.' })),
  description: {
    final: z
      .string({ error: 'Description : champ obligatoire.' })
      .trim()
      .min(
        DESCRIPTION_MIN,
        `Description : au moins ${DESCRIPTION_MIN} caractères (environ ${DESCRIPTION_MIN / CHARS_PER_LINE} lignes).`,
      )
      .max(
        DESCRIPTION_MAX,
        `Description : ${DESCRIPTION_MAX} caractères au maximum (environ ${DESCRIPTION_MAX / CHARS_PER_LINE} lignes).`,
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

export const companyDraftSchema = draftSchema(companyRules);
export const contactDraftSchema = draftSchema(contactRules);
export const initiativeDraftSchema = draftSchema(initiativeRules);

/** A complete set of fields: what completeness requires. */
export const applicationFieldsSchema = z.object({
  company: companySchema,
  contact: contactSchema,
  initiative: initiativeSchema,
});
export type ApplicationFields = z.infer<typeof applicationFieldsSchema>;

/**
 * What a new file may hold: any subset of the fields, as typed, except the contact's email, which
 * must be valid: the private link is sent there.
 */
export const draftFieldsSchema = z.object({
  company: companyDraftSchema.optional(),
  contact: contactDraftSchema.extend({ email: contactSchema.shape.email }),
  initiative: initiativeDraftSchema.optional(),
});
export type DraftFields = z.infer<typeof draftFieldsSchema>;

/**
 * An autosave sends only sections that change, as typed. A half-typed email is stored in the
 * fields, but emails keep going to the last valid address (`contactEmail`) until it is valid again.
 */
export const fieldsUpdateSchema = z.object({
  company: companyDraftSchema.optional(),
  contact: contactDraftSchema.optional(),
  initiative: initiativeDraftSchema.optional(),
});
export type FieldsUpdate = z.infer<typeof fieldsUpdateSchema>;

/** The file's fields with an update's sections applied over them (the keys sent replace, the others stay). */
export function mergeFields(fields: Partial<DraftFields>, update: FieldsUpdate): Partial<DraftFields> {
  return {
    ...fields,
    ...(update.company && { company: { ...fields.company, ...update.company } }),
    ...(update.contact && { contact: { ...fields.contact, ...update.contact } as DraftFields['contact'] }),
    ...(update.initiative && { initiative: { ...fields.initiative, ...update.initiative } }),
  };
}

/** The fields (`section.key`) an update really changes: an empty value and a missing one are the same. */
export function changedFieldPaths(fields: Partial<DraftFields>, update: FieldsUpdate): string[] {
  return (['company', 'contact', 'initiative'] as const).flatMap((section) =>
    Object.entries(update[section] ?? {})
      .filter(
        ([key, value]) =>
          (value ?? '') !== ((fields[section] as Record<string, string | undefined> | undefined)?.[key] ?? ''),
      )
      .map(([key]) => `${section}.${key}`),
  );
}

export const createApplicationSchema = z.object({
  /** Random id generated by the form when it loads: a retried or double-clicked creation returns the same file. */
  creationKey: z.uuid({ error: 'Clé de création invalide : rechargez la page.' }),
  fields: draftFieldsSchema,
  /**
   * A test file (`npm run smoke` after a deploy): no email, left out of the console and the timeline,
   * gone after TEST_FILE_TTL_SECONDS, and erasable through DELETE /api/applications/:id.
   */
  test: z.boolean({ error: 'Indicateur de test : vrai ou faux.' }).optional(),
});

/** How long the items of a test file live if nobody erases it (a smoke run that died half-way). */
export const TEST_FILE_TTL_SECONDS = 24 * 3600;

export const PHOTO_SLOTS = [1, 2, 3, 4] as const;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const RELEASE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
export const MAX_RELEASE_BYTES = 10 * 1024 * 1024;

export const uploadRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('photo'),
    slot: z.coerce
      .number()
      .int()
      .refine((n) => PHOTO_SLOTS.includes(n as 1), 'Photo : emplacement 1 à 4.'),
    contentType: z.enum(PHOTO_CONTENT_TYPES, {
      error:
        "Photo : formats acceptés JPEG, PNG ou WebP. Une photo d'iPhone (HEIC) : choisissez « Plus compatible » dans Réglages > Appareil photo > Formats, ou envoyez-la depuis l'application Photos qui la convertit.",
    }),
    size: z.number().int().positive().max(MAX_PHOTO_BYTES, 'Photo : 20 Mo au maximum.'),
  }),
  z.object({
    kind: z.literal('release'),
    contentType: z.enum(RELEASE_CONTENT_TYPES, { error: 'Décharge : formats acceptés PDF, JPEG, PNG ou WebP.' }),
    size: z.number().int().positive().max(MAX_RELEASE_BYTES, 'Décharge : 10 Mo au maximum.'),
    imageCount: z.number().int().min(1, "Indiquez le nombre d'images couvertes par la décharge.").max(20),
  }),
]);
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export const photoDetailsSchema = z.object({
  caption: z.string().trim().max(200, 'Légende : 200 caractères au maximum.').optional(),
  credit: z.string().trim().max(120, 'Crédit : 120 caractères au maximum.').optional(),
});

/** The online equivalent of the paper « décharge droit à l'image » (seed 000). */
export const onlineReleaseSchema = z.object({
  lastName: text('Nom du signataire', 120).final,
  firstName: text('Prénom du signataire', 120).final,
  role: text('Fonction du signataire', 160).final,
  organisation: text('Entreprise ou organisation', 200).final,
  imageCount: z.number().int().min(1).max(20),
  consentsObtained: z.literal(true, {
    error: 'Cochez : vous certifiez avoir reçu les autorisations des personnes photographiées.',
  }),
  authorisePlatform: z.literal(true, { error: 'Cochez : vous autorisez la diffusion sur la plateforme web.' }),
  authoriseSocial: z.literal(true, { error: 'Cochez : vous autorisez la diffusion sur les réseaux sociaux.' }),
  authoriseAllMedia: z.literal(true, {
    error: 'Cochez : vous autorisez la diffusion sur tous supports papier ou web présentant les projets.',
  }),
  acknowledgesNoHarm: z.literal(true, {
    error: 'Cochez : vous reconnaissez que ces utilisations ne portent pas atteinte aux personnes photographiées.',
  }),
  place: text('Fait à', 120).final,
  approval: z
    .string({ error: 'Recopiez la mention « lu et approuvé ».' })
    .trim()
    .refine(
      (v) =>
        v
          .normalize('NFD')
          .replace(/\p{Diacritic}/gu, '')
          .toLowerCase()
          .replace(/\s+/g, ' ') === 'lu et approuve',
      'Recopiez la mention « lu et approuvé ».',
    ),
});
export type OnlineRelease = z.infer<typeof onlineReleaseSchema>;

export const APPLICATION_STATUSES = ['draft', 'incomplete', 'complete'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
