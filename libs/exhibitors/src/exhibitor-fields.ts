/** The exhibitor's fields as the API and the CSV import both accept them: one set of rules. */
import { COUNTRY_CODES, E164 } from '@fairops/imports';

/**
 * Country codes and phones live in @fairops/imports. Re-exported for attendees.service.ts, which imports
 * them from here until its own refactor imports them from @fairops/imports (then drop this line).
 */

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
