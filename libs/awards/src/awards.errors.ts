import { DomainError, FieldIssue } from '@fairops/core';

export const AwardErrors = {
  prizeNotFound: (id?: string) => DomainError.notFound('prize', id),
  nomineeNotFound: (id?: string) => DomainError.notFound('nominee', id),
  conflictNotFound: (id?: string) => DomainError.notFound('conflict', id),
  resultsNotFound: () => DomainError.notFound('results'),
  certificateNotReady: () =>
    new DomainError('certificate_not_ready', 'conflict', 'the result is published and its certificate is being rendered; try again in a few seconds', { status: 'rendering' }),
  invalid: (issues: FieldIssue[]) => DomainError.validation(issues.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), issues),
  weightsMustSum: (total: number) =>
    DomainError.validation(`criteria weights must sum to 100 (got ${total})`, [{ field: 'criteria', reasons: [`weights must sum to 100 (got ${total})`] }]),
  scoringBegun: () =>
    new DomainError('scoring_begun', 'conflict', 'scoring has begun: changing the scale or the criteria needs force: true and a reason, and is audited'),
  recused: () => new DomainError('recused', 'forbidden', 'you are recused from this nominee: a conflict of interest is recorded'),
  windowClosed: (opens: Date, closes: Date) =>
    new DomainError('scoring_window_closed', 'conflict', `scores can be changed between ${opens.toISOString()} and ${closes.toISOString()}`, { opensAt: opens, closesAt: closes }),
  ballotLocked: () => new DomainError('ballot_locked', 'conflict', 'your ballot is submitted and locked; an admin can reopen it'),
  offScale: (field: string, min: number, max: number, step: number) =>
    DomainError.validation(`${field} must be between ${min} and ${max} in steps of ${step}`, [{ field, reasons: [`must be between ${min} and ${max} in steps of ${step}`] }]),
  unknownCriterion: (field: string) => DomainError.validation(`${field} is not a criterion of this prize`, [{ field, reasons: ['is not a criterion of this prize'] }]),
  windowStillOpen: (closes: Date) => new DomainError('scoring_still_open', 'conflict', `the ranking can be computed once scoring closes (${closes.toISOString()})`),
  coverageMissing: (missing: unknown[]) =>
    new DomainError('coverage_incomplete', 'conflict', 'some nominees are scored by fewer jurors than required', { missing }),
  tieUnresolved: (tied: unknown[]) =>
    new DomainError('tie_needs_decision', 'conflict', 'the tie-break rule cannot separate the first places: send tieDecision with the winner and a reason', { tied }),
  notTied: () => DomainError.validation('tieDecision is only for a tie the rule cannot break', [{ field: 'tieDecision', reasons: ['there is no unresolved tie'] }]),
  notFinalised: () => new DomainError('results_not_finalised', 'conflict', 'the results must be finalised before they are published'),
  alreadyFinal: (status: string) => new DomainError('results_already_final', 'conflict', `the results are already ${status}`),
  sealed: () => new DomainError('results_sealed', 'forbidden', 'the results are sealed until they are announced'),
};
