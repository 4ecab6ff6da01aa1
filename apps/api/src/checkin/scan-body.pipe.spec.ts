import 'reflect-metadata';
import { DomainError, FieldIssue } from '@fairops/core';
import { apiValidationPipe } from '../http/validation';
import { ScanDto } from './checkin.dto';
import { ScanBodyPipe } from './scan-body.pipe';

/** What a pipe makes of a body: the fields at fault with their reasons (as sets), or the value. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = (await run()) as Record<string, unknown>;
    return { ok: { ...value, scannedAt: value.scannedAt instanceof Date ? value.scannedAt.toISOString() : value.scannedAt } };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { fields: Object.fromEntries((error.details as FieldIssue[]).map((i) => [i.field, [...i.reasons].sort()])) };
  }
}

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
];

describe('the scan route’s fast body check', () => {
  const dtoPipe = apiValidationPipe();
  const fastPipe = new ScanBodyPipe();

  it.each(BODIES.map((b, i) => [i, b]))('answers body %i as the ScanDto validation does', async (_i, body) => {
    const expected = await outcome(() => dtoPipe.transform(structuredClone(body), { type: 'body', metatype: ScanDto }));
    const actual = await outcome(() => fastPipe.transform(structuredClone(body)));
    expect(actual).toEqual(expected);
  });

  it('refuses a body that is not an object, naming it', async () => {
    for (const body of [null, [], 'text', 7]) {
      expect(await outcome(() => fastPipe.transform(body))).toEqual({ fields: { body: ['must be a JSON object'] } });
    }
  });
});
