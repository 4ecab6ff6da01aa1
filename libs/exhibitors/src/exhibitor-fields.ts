/** The exhibitor's fields as the API and the CSV import both accept them: one set of rules. */

export const SECTORS = [
  'contact_centre',
  'it_services',
  'recruitment',
  'training',
  'public_institution',
  'solution_vendor',
  'telecom_equipment',
  'furniture',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** ISO 3166-1 alpha-2, officially assigned codes. */
export const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** http(s), a host with a dot, an optional port, path, query or fragment; no spaces. */
const WEBSITE = /^https?:\/\/[^\s/?#:@]+\.[^\s/?#:@]+(:\d{1,5})?([/?#]\S*)?$/i;

/** The writable fields of an exhibitor, normalised. */
export interface ExhibitorFields {
  ref?: string | null;
  name: string;
  legalName?: string | null;
  country: string;
  city?: string | null;
  sector: Sector;
  website?: string | null;
  description?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

/** Phone as written by people (`+212 6 12-34.56 78`) → E.164 (`+212612345678`); `00` prefix accepted. */
export function normalisePhone(raw: string): string {
  const compact = raw.replace(/[\s().-]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

/** Sector as written in a spreadsheet (`Contact centre`, `IT-services`) → its code. */
export function normaliseSector(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** A website with its scheme: `www.atlas.ma` → `https://www.atlas.ma`. */
export function normaliseWebsite(raw: string): string {
  const trimmed = raw.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

const LIMITS: Record<string, number> = {
  ref: 64,
  name: 200,
  legalName: 300,
  city: 100,
  website: 300,
  description: 4000,
  contactName: 200,
  contactEmail: 254,
};

/** Checks normalised fields; returns every problem, empty when the exhibitor is valid. */
export function checkExhibitorFields(f: Partial<ExhibitorFields>, required: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (required || f.name !== undefined) {
    if (!f.name || !f.name.trim()) problems.push({ field: 'name', reason: 'is required' });
  }
  if (required || f.country !== undefined) {
    if (!f.country) problems.push({ field: 'country', reason: 'is required' });
    else if (!COUNTRY_CODES.has(f.country)) problems.push({ field: 'country', reason: `"${f.country}" is not an ISO 3166-1 alpha-2 country code` });
  }
  if (required || f.sector !== undefined) {
    if (!f.sector) problems.push({ field: 'sector', reason: 'is required' });
    else if (!(SECTORS as readonly string[]).includes(f.sector)) problems.push({ field: 'sector', reason: `must be one of ${SECTORS.join(', ')}` });
  }
  for (const [field, max] of Object.entries(LIMITS)) {
    const value = f[field as keyof ExhibitorFields];
    if (typeof value === 'string' && value.length > max) problems.push({ field, reason: `must be at most ${max} characters` });
  }
  if (f.contactEmail && !EMAIL.test(f.contactEmail)) problems.push({ field: 'contactEmail', reason: 'must be an email address' });
  if (f.contactPhone && !E164.test(f.contactPhone)) problems.push({ field: 'contactPhone', reason: 'must be a phone number in E.164 form, such as +212612345678' });
  if (f.website && !WEBSITE.test(f.website)) problems.push({ field: 'website', reason: 'must be a web address such as https://example.ma' });
  return problems;
}
