import { stringify } from 'csv-stringify/sync';

/**
 * A cell Excel would read as a formula (it starts with = + - @, a tab or a carriage return) gets a
 * leading apostrophe: Excel shows it as text and never runs it (OWASP's CSV injection advice).
 */
export const spreadsheetSafe = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * CSV for Excel, as every export of the console writes it: UTF-8 with BOM, semicolons (French
 * Excel's list separator), CRLF, a header row, text cells made safe from formula injection.
 */
export function excelCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const body = stringify(
    rows.map((row) => row.map((v) => (typeof v === 'string' ? spreadsheetSafe(v) : v))),
    { delimiter: ';', header: true, columns: [...header], record_delimiter: '\r\n' },
  );
  return `\uFEFF${body}`;
}
