import { DomainError, FieldIssue, errorsWith } from '@fairops/core';

/** Every code the awards library answers with (listed in the README; unique across the project, tested). */
export const AWARDS_ERROR_CODES = [
  'prize_not_found',
  'nominee_not_found',
  'conflict_not_found',
  'results_not_found',
  'certificate_not_ready',
  'scoring_begun',
  'recused',
  'scoring_window_closed',
  'ballot_locked',
  'scoring_still_open',
  'coverage_incomplete',
  'tie_needs_decision',
  'results_not_finalised',
  'results_already_final',
  'results_sealed',
] as const;
export type AwardsErrorCode = (typeof AWARDS_ERROR_CODES)[number];

const fail = errorsWith(AWARDS_ERROR_CODES);

export const AwardErrors = {
  prizeNotFound: (id?: string) => fail.notFound('prize_not_found', 'prize', id),
  nomineeNotFound: (id?: string) => fail.notFound('nominee_not_found', 'nominee', id),
  conflictNotFound: (id?: string) => fail.notFound('conflict_not_found', 'conflict', id),
  resultsNotFound: () => fail.notFound('results_not_found', 'results'),
  certificateNotReady: () =>
    fail('certificate_not_ready', 'conflict', 'the result is published and its certificate is being rendered; try again in a few seconds', { status: 'rendering' }),
  invalid: (issues: FieldIssue[]) => DomainError.invalidFields(issues),
  weightsMustSum: (total: number) =>
    DomainError.validation(`criteria weights must sum to 100 (got ${total})`, [{ field: 'criteria', reasons: [`weights must sum to 100 (got ${total})`] }]),
  scoringBegun: () => fail('scoring_begun', 'conflict', 'scoring has begun: changing the scale or the criteria needs force: true and a reason, and is audited'),
  recused: () => fail('recused', 'forbidden', 'you are recused from this nominee: a conflict of interest is recorded'),
  windowClosed: (opens: Date, closes: Date) =>
    fail('scoring_window_closed', 'conflict', `scores can be changed between ${opens.toISOString()} and ${closes.toISOString()}`, { opensAt: opens, closesAt: closes }),
  ballotLocked: () => fail('ballot_locked', 'conflict', 'your ballot is submitted and locked; an admin can reopen it'),
  offScale: (field: string, min: number, max: number, step: number) =>
    DomainError.validation(`${field} must be between ${min} and ${max} in steps of ${step}`, [{ field, reasons: [`must be between ${min} and ${max} in steps of ${step}`] }]),
  unknownCriterion: (field: string) => DomainError.validation(`${field} is not a criterion of this prize`, [{ field, reasons: ['is not a criterion of this prize'] }]),
  windowStillOpen: (closes: Date) => fail('scoring_still_open', 'conflict', `the ranking can be computed once scoring closes (${closes.toISOString()})`),
  coverageMissing: (missing: unknown[]) => fail('coverage_incomplete', 'conflict', 'some nominees are scored by fewer jurors than required', { missing }),
  tieUnresolved: (tied: unknown[]) =>
    fail('tie_needs_decision', 'conflict', 'the tie-break rule cannot separate the first places: send tieDecision with the winner and a reason', { tied }),
  notTied: () => DomainError.validation('tieDecision is only for a tie the rule cannot break', [{ field: 'tieDecision', reasons: ['there is no unresolved tie'] }]),
  notFinalised: () => fail('results_not_finalised', 'conflict', 'the results must be finalised before they are published'),
  alreadyFinal: (status: string) => fail('results_already_final', 'conflict', `the results are already ${status}`),
  sealed: () => fail('results_sealed', 'forbidden', 'the results are sealed until they are announced'),
};
