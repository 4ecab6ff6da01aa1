/** A phone number in E.164 form: `+`, a country code, at most 15 digits. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Phone as written by people (`+212 6 12-34.56 78`) → E.164 (`+212612345678`); `00` prefix accepted. */
export function normalisePhone(raw: string): string {
  const compact = raw.replace(/[\s().-]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}
