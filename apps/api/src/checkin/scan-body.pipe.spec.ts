import 'reflect-metadata';
import fc from 'fast-check';
import { DomainError, FieldIssue } from '@fairops/core';
import { apiValidationPipe } from '../http/validation';
import { SCAN_RULES, ScanDto } from './checkin.dto';
import { ScanBodyPipe } from './scan-body.pipe';

/**
 * What a pipe makes of a body: the fields at fault with their reasons (as sets), or the value. An
 * optional field sent as null is as good as left out (ScansService reads each with `??`): the DTO path
 * keeps the null, the fast check drops it, so both are compared without it.
 */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = (await run()) as Record<string, unknown>;
    const present = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
    return { ok: { ...present, ...(value.scannedAt instanceof Date && { scannedAt: value.scannedAt.toISOString() }) } };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { fields: Object.fromEntries((error.details as FieldIssue[]).map((i) => [i.field, [...i.reasons].sort()])) };
  }
}

const dtoPipe = apiValidationPipe();
const fastPipe = new ScanBodyPipe();
const viaDto = (body: unknown) => outcome(() => dtoPipe.transform(structuredClone(body), { type: 'body', metatype: ScanDto }));
const viaPipe = (body: unknown) => outcome(() => fastPipe.transform(structuredClone(body)));

const valid = { code: 'A'.repeat(150), deskId: 'desk-1', nonce: '0f8fad5b-d9cb-469f-a165-70867728950e' };
const BODIES: Array<Record<string, unknown>> = [
  valid,
  { ...valid, scannedAt: '2027-04-16T09:14:00Z', gate: 'Hall A north', editionId: '6f1c7f0e-1d2b-4c3d-8e4f-5a6b7c8d9e0f' },
  { ...valid, scannedAt: '2027-04-16T10:14:00+01:00' },
  { ...valid, code: 42 },
  { ...valid, code: '' },
  { ...valid, code: 'x'.repeat(1001) },
  { ...valid, code: null },
  { ...valid, deskId: 'desk 1' },
  { ...valid, deskId: 'd'.repeat(65) },
  { ...valid, nonce: 'short' },
  { ...valid, nonce: 12345678 },
  { ...valid, scannedAt: 'yesterday' },
  { ...valid, gate: 5 },
  { ...valid, gate: 'g'.repeat(65) },
  { ...valid, editionId: 'not-a-uuid' },
  { ...valid, extra: true, isAdmin: 1 },
  { deskId: 'desk-1' },
  {},
  // A JSON boolean is not a date-time: new Date(true) would be 1970-01-01T00:00:00.001Z.
  { ...valid, scannedAt: true },
  { ...valid, scannedAt: false },
  // Lengths are counted as PostgreSQL does, in code points: 64 emoji (128 UTF-16 units) are 64 characters, and a variation selector counts.
  { ...valid, gate: '🚪'.repeat(64) },
  { ...valid, gate: '🚪'.repeat(65) },
  { ...valid, gate: `${'g'.repeat(60)}${'\uFE0F'.repeat(5)}` },
];

/** Text that is valid for a field by the rule, at its edges, or just beyond them. */
const charsOf = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const RULE_CHARS = 'Aaz09._:-';
const ruleText = (max: number) => fc.oneof(charsOf(RULE_CHARS, 0, max + 2), charsOf(`${RULE_CHARS} /é`, 1, 12));
/** Any JSON value a client might send in a field, weighted towards the plausible ones. */
const jsonValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', 'b', 'value'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 2 }),
);
/** Instants as a desk might write them (ISO 8601 with Z or an offset, epoch milliseconds) and date-like text that is not. */
const instant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
const scannedAt = fc.oneof(
  instant.map((d) => d.toISOString()),
  instant.map((d) => d.toISOString().replace('Z', '+01:00')),
  instant.map((d) => d.getTime()),
  fc.constantFrom('2027-04-16', '2027-04-16T10:00', 'yesterday', '', 'now', '2027-13-01T00:00:00Z'),
  jsonValue,
);
const uuid = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => u.slice(1)), fc.constantFrom('not-a-uuid', ''));

/** A generated body: each field present or not, each value valid, at an edge, or of another type; sometimes a field that is not allowed. */
const body = fc
  .tuple(
    fc.record(
      {
        code: fc.oneof(fc.string({ minLength: 0, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 990, maxLength: 1010 }), fc.integer({ min: 995, max: 1005 }).map((n) => 'c'.repeat(n)), jsonValue),
        deskId: fc.oneof(ruleText(SCAN_RULES.gateMax), jsonValue),
        nonce: fc.oneof(ruleText(10), ruleText(130), fc.uuid(), jsonValue),
        scannedAt,
        gate: fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', minLength: 30, maxLength: 70 }), fc.integer({ min: 62, max: 66 }).map((n) => 'g'.repeat(n)), jsonValue),
        editionId: fc.oneof(uuid, jsonValue),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.constantFrom('extra', 'isAdmin', 'Code', 'scanned_at', 'id'), jsonValue, { maxKeys: 2 }),
  )
  .map(([fields, extra]) => ({ ...extra, ...fields }));

describe('the scan route’s fast body check', () => {
  it.each(BODIES.map((b, i) => [i, b]))('answers body %i as the ScanDto validation does', async (_i, b) => {
    expect(await viaPipe(b)).toEqual(await viaDto(b));
  });

  it('answers 1,000 generated bodies as the ScanDto validation does', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        expect(await viaPipe(b)).toEqual(await viaDto(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a boolean scannedAt, on both paths, as not a date-time', async () => {
    for (const flag of [true, false]) {
      const expected = { fields: { scannedAt: [SCAN_RULES.messages.date] } };
      expect(await viaDto({ ...valid, scannedAt: flag })).toEqual(expected);
      expect(await viaPipe({ ...valid, scannedAt: flag })).toEqual(expected);
    }
  });

  it('refuses a body that is not an object, naming it', async () => {
    for (const b of [null, [], 'text', 7]) {
      expect(await outcome(() => fastPipe.transform(b))).toEqual({ fields: { body: ['must be a JSON object'] } });
    }
  });
});
