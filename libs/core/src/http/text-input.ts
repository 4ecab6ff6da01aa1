/**
 * The one rule for text FairOps takes, wherever it comes from (a JSON body, a query string, a path, a
 * cell of an imported CSV, an uploaded file's name): no NUL (PostgreSQL refuses 0x00) and no control
 * characters, except tab and line breaks in free-text fields.
 */

/**
 * Free-text fields, where a line break or a tab is part of the text. Everywhere else (names, codes,
 * ids, addresses, queries) a string is one line: badges, ZPL labels and CSV cells print it as such.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['description', 'bio', 'notes', 'comment', 'reason', 'reprintReason', 'dossier']);

/** C0 controls, DEL and C1 controls: matching control characters is the point of these two. */
// eslint-disable-next-line no-control-regex
export const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same without tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const NUL_REASON = 'must not contain a NUL character';
export const CONTROL_REASON = 'must not contain control characters';

/** The name the field is known by: the last part of its path that is not an array index. */
function fieldName(path: string): string {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) if (!/^\d+$/.test(parts[i])) return parts[i];
  return '';
}

/** Why a string may not be accepted in this field (a name or a dotted path), or undefined when it may. */
export function textIssue(value: string, field: string): string | undefined {
  if (!ANY_CONTROL.test(value)) return undefined;
  if (value.includes('\u0000')) return NUL_REASON;
  if (!MULTILINE_FIELDS.has(fieldName(field))) return CONTROL_REASON;
  return CONTROL_IN_TEXT.test(value) ? CONTROL_REASON : undefined;
}
