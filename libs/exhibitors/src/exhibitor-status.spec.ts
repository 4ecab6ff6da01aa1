import { DomainError } from '@fairops/core';
import {
  EXHIBITOR_STATUSES,
  ExhibitorStatus,
  STATUS_TRANSITIONS,
  assertTransition,
  isClosedStatus,
  statusChangeReason,
} from './exhibitor-status';

/** The machine as the domain states it, written out rather than read from the code under test. */
const ALLOWED: Array<[ExhibitorStatus, ExhibitorStatus]> = [
  ['applied', 'approved'],
  ['applied', 'cancelled'],
  ['applied', 'withdrawn'],
  ['approved', 'confirmed'],
  ['approved', 'cancelled'],
  ['approved', 'withdrawn'],
  ['confirmed', 'cancelled'],
  ['confirmed', 'withdrawn'],
];
const allowed = (from: ExhibitorStatus, to: ExhibitorStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const EVERY_PAIR = EXHIBITOR_STATUSES.flatMap((from) => EXHIBITOR_STATUSES.map((to) => [from, to] as [ExhibitorStatus, ExhibitorStatus]));

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('exhibitor status machine', () => {
  it('knows the five statuses', () => {
    expect([...EXHIBITOR_STATUSES]).toEqual(['applied', 'approved', 'confirmed', 'cancelled', 'withdrawn']);
  });

  it.each(EVERY_PAIR.filter(([from, to]) => allowed(from, to)))('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(EVERY_PAIR.filter(([from, to]) => !allowed(from, to)))('refuses %s → %s with 409 illegal_status_transition and the allowed moves', (from, to) => {
    const error = refusal(() => assertTransition(from, to));
    expect(error.code).toBe('illegal_status_transition');
    expect(error.kind).toBe('conflict');
    const expected = ALLOWED.filter(([f]) => f === from).map(([, t]) => t);
    expect(error.details).toEqual({ from, to, allowed: expected });
    expect(error.message).toBe(expected.length ? `cannot go from ${from} to ${to}; allowed: ${expected.join(', ')}` : `cannot go from ${from} to ${to}; ${from} is final`);
  });

  it('refuses staying in the same status (no transition to itself)', () => {
    for (const status of EXHIBITOR_STATUSES) expect(refusal(() => assertTransition(status, status)).code).toBe('illegal_status_transition');
  });

  it('has cancelled and withdrawn as its only final statuses, and they are the closed ones', () => {
    const finals = EXHIBITOR_STATUSES.filter((s) => STATUS_TRANSITIONS[s].length === 0);
    expect(finals).toEqual(['cancelled', 'withdrawn']);
    expect(EXHIBITOR_STATUSES.filter(isClosedStatus)).toEqual(['cancelled', 'withdrawn']);
    expect(isClosedStatus('no such status')).toBe(false);
  });

  it('reaches every final status from every open one, and confirmed only through approved', () => {
    for (const from of ['applied', 'approved', 'confirmed'] as const) {
      expect(STATUS_TRANSITIONS[from]).toEqual(expect.arrayContaining(['cancelled', 'withdrawn']));
    }
    expect(EXHIBITOR_STATUSES.filter((from) => STATUS_TRANSITIONS[from].includes('confirmed'))).toEqual(['approved']);
    expect(EXHIBITOR_STATUSES.filter((from) => STATUS_TRANSITIONS[from].includes('applied'))).toEqual([]);
  });

  describe('reasons', () => {
    it.each(['cancelled', 'withdrawn'] as const)('requires a reason for %s (400 validation_failed on the reason field)', (to) => {
      for (const missing of [undefined, null, '', '   ', '\n\t']) {
        const error = refusal(() => statusChangeReason(to, missing));
        expect(error.code).toBe('validation_failed');
        expect(error.kind).toBe('validation');
        expect(error.details).toEqual([{ field: 'reason', reasons: [`is required for ${to}`] }]);
      }
    });

    it.each(['cancelled', 'withdrawn'] as const)('keeps the trimmed reason for %s', (to) => {
      expect(statusChangeReason(to, '  stand fee unpaid \n')).toBe('stand fee unpaid');
    });

    it.each(['applied', 'approved', 'confirmed'] as const)('needs no reason for %s, and passes one given on trimmed (for the audit)', (to) => {
      expect(statusChangeReason(to, undefined)).toBeNull();
      expect(statusChangeReason(to, '   ')).toBeNull();
      expect(statusChangeReason(to, ' board decision ')).toBe('board decision');
    });
  });
});
