/**
 * One French style for every text the platform writes (emails, public pages, the release proof):
 * typographic apostrophe, non-breaking spaces before « : ; ! ? » and inside « … », « 1er » for the
 * first day of a month, and plurals written out (« Plus qu’un jour »). Pure, no dependency: the
 * email and page templates, the date formatting and the PDF proof use it.
 *
 * Only text we wrote goes through these rules. What people typed (names, articles, comments) is
 * inserted as typed: `fr` leaves interpolated values alone and `typesetTemplate` skips `{{…}}`.
 */

/** Before « : » and inside guillemets. */
export const NBSP = '\u00a0';
/** Narrow no-break space, before « ; ! ? » (as French typesetting does). */
export const NNBSP = '\u202f';

/**
 * French typography on a text we wrote. Templates (emails, pages) keep plain quotes and spaces, easy to
 * type and to diff, and go through this when rendered; messages written as plain strings (validation
 * rules, API answers, statuses) are written typeset, with `\u00a0`/`\u202f` escapes, since the form's
 * bundle shows them as they are (test/unit/french-style.test.ts checks both).
 */
export function typeset(text: string): string {
  return (
    text
      // « l'avenir », « aujourd'hui »: an apostrophe after a letter is the typographic one.
      .replace(/(?<=\p{L})'/gu, '’')
      // A space before a colon must not break the line away from its word.
      .replace(/[ \u00a0\u202f]+:/g, `${NBSP}:`)
      .replace(/[ \u00a0\u202f]+([;!?])/g, `${NNBSP}$1`)
      .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
  );
}

/**
 * A tagged template that typesets the literal parts only: fr`Votre dossier « ${name} » : …` gives
 * non-breaking spaces around the name and before the colon, and the name exactly as typed.
 */
export function fr(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => out + typeset(part) + (i < values.length ? String(values[i]) : ''), '');
}

/**
 * Typesets a Handlebars template's French text: not its tags (attributes, CSS, URLs) nor its
 * `{{…}}` expressions, so values stay as typed and markup as written.
 */
export function typesetTemplate(source: string): string {
  return (
    source
      .split(/(\{\{[\s\S]*?\}\}\}?|<[^>]*>)/)
      // An apostrophe escaped as an entity (&#39;) is an apostrophe of the text all the same.
      .map((piece, i) => (i % 2 === 1 ? piece : typeset(piece.replace(/(?<=\p{L})&#(?:39|x27);/giu, "'"))))
      .join('')
  );
}

/** « 1er » for the first day of a month, the number otherwise (« le 1er mars », « le 2 mars »). */
export const dayOfMonth = (day: number) => (day === 1 ? '1er' : String(day));

/** « 1 jour », « 3 jours » (French takes the singular for 0 and 1). */
export const plural = (n: number, one: string, many: string) => `${n} ${Math.abs(n) >= 2 ? many : one}`;

/** « plus qu’un jour », « plus que 3 jours » (lowercase: the caller capitalizes where a sentence starts). */
export const onlyLeft = (n: number, one: string, many: string, feminine = false) =>
  n === 1 ? `plus qu’${feminine ? 'une' : 'un'} ${one}` : `plus que ${plural(n, one, many)}`;

/** First letter in capital, at the start of a sentence or a subject. */
export const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** For matching what people type: accents, case and the apostrophe's shape aside (« Saint-Étienne » = « saint-etienne »). */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase();
