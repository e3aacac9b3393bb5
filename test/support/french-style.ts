import { typeset } from '../../functions/domain/french.ts';
import ts from 'typescript';

/**
 * The French style of functions/domain/french.ts, as a checker for what the platform shows: the
 * text a reader sees (HTML text nodes, not tags, attributes, scripts, styles or code; email text
 * without its URLs). Returns one message per finding, with some context, so a failing test says
 * what to fix.
 */

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';

const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'straight apostrophe (’ expected)', pattern: /'/g },
  { name: 'no non-breaking space before « : »', pattern: /(?<![\u00a0\u202f]):(?=\s|$)/g },
  { name: 'no non-breaking space before « ; ! ? »', pattern: /(?<![\u00a0\u202f])[;!?](?=\s|$|[»)])/g },
  { name: 'no non-breaking space after « « »', pattern: /«(?![\u00a0\u202f])/g },
  { name: 'no non-breaking space before « » »', pattern: /(?<![\u00a0\u202f])»/g },
  { name: '« 1 <mois> » (« 1er » expected)', pattern: new RegExp(`(?<![\\p{L}\\d])1\\s(?:${MONTHS})(?!\\p{L})`, 'gu') },
  { name: '« Plus que 1 » (« Plus qu’un » expected)', pattern: /plus que 1(?!\d)/gi },
  { name: '« (s) » (a plural written out expected)', pattern: /\p{L}\(s\)/gu },
  // No capital after a colon, but proper nouns and the labels of a list (« Téléphone : 01… » is not followed by a capital).
  // Code names (« States.TaskFailed ») aside.
  {
    name: 'capital letter after a colon',
    pattern: /:[ \u00a0](?!(?:COORACE|Nos territoires|Amazon|JavaScript|CNIL)\b)(?!\p{L}*\.\p{L})\p{Lu}\p{Ll}/gu,
  },
];

/** What a reader sees of the text: URLs and email addresses (not French) taken out. */
function readable(text: string): string {
  return text
    .replace(/\b(?:https?|mailto|tel):[^\s<>"]+/g, '<url>')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>');
}

export function frenchStyleIssues(text: string): string[] {
  const seen = readable(text);
  const issues: string[] = [];
  for (const { name, pattern } of RULES) {
    for (const match of seen.matchAll(pattern)) {
      const at = match.index;
      issues.push(`${name}: …${seen.slice(Math.max(0, at - 40), at + 30).replace(/\s+/g, ' ')}…`);
    }
  }
  return issues;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (html: string) =>
  html.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (/^#x/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });

/** The text nodes of an HTML page (its <title> included), decoded; no attribute; script, style, code or pre as « ⟨code⟩ ». */
export function htmlText(html: string): string {
  return decode(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style|code|pre)\b[^>]*>[\s\S]*?<\/\1>/gi, '⟨code⟩')
      .replace(/<[^>]*>/g, ''),
  );
}

/**
 * Values people typed, written in good typography, so that a finding is always ours: every string of
 * a fixture typeset (URLs, ids, keys and ISO dates have nothing these rules change).
 */
export function typesetDeep<T>(value: T): T {
  if (typeof value === 'string') return typeset(value) as T;
  if (Array.isArray(value)) return value.map(typesetDeep) as T;
  if (value && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typesetDeep(v)])) as T;
  return value;
}

/**
 * Whether a literal is written for developers only: inside a log call (`log.info(…)`, `console.warn(…)`)
 * or a plain `new Error(…)`, which never reaches a reader (an error of ours, such as a DomainError
 * or a failed publication, may reach the team or an applicant: its text is checked).
 */
function developerText(node: ts.Node): boolean {
  for (let at = node.parent; at && !ts.isSourceFile(at); at = at.parent) {
    if (ts.isCallExpression(at) && /^(?:log|logger|console)\.\w+$/.test(at.expression.getText())) return true;
    if (ts.isNewExpression(at)) return at.expression.getText() === 'Error';
  }
  return false;
}

/**
 * The texts of a script (the browser apps' frontend/**, the functions' messages): every string literal
 * and template part that reads as words (two letters and a space, an apostrophe inside a word, or a
 * « : ; ! ? » between spaces), with its line. What only code reads (selectors, ids, keys, URLs) has no
 * such shape; logs and internal errors are for developers (`developerText`).
 */
export function scriptTexts(file: string, source: string): { line: number; text: string }[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isExportDeclaration(node.parent) &&
      /\p{L}{2,}[ \u00a0]|\p{L}'\p{L}|[«»]|(?:^|\S) +[:;!?](?: |$)/u.test(node.text) &&
      !developerText(node)
    )
      found.push({ line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
