import { DomainError } from '../errors/domain-error';

export const AuthErrors = {
  missingToken: () => new DomainError('unauthenticated', 'unauthenticated', 'a bearer token is required'),
  invalidToken: () => new DomainError('invalid_token', 'unauthenticated', 'the token is invalid, expired or revoked'),
  badCredentials: () => new DomainError('invalid_credentials', 'unauthenticated', 'email or password is incorrect'),
  tooManyFailures: (retryAfterSeconds: number) =>
    new DomainError('too_many_login_failures', 'rate_limited', 'too many failed log-ins; try again later', undefined, retryAfterSeconds),
  forbiddenRole: (allowed: readonly string[]) =>
    new DomainError('forbidden', 'forbidden', `this action needs one of the roles: ${allowed.join(', ')}`, { allowedRoles: allowed }),
  wrongCurrentPassword: () => DomainError.validation('the current password is incorrect', [{ field: 'currentPassword', reasons: ['is incorrect'] }]),
  samePassword: () => DomainError.validation('the new password must differ from the current one', [{ field: 'newPassword', reasons: ['must differ from the current password'] }]),
  cannotDisableSelf: () => new DomainError('cannot_disable_self', 'conflict', 'an admin cannot disable their own account'),
  userNotFound: (id: string) => DomainError.notFound('user', id),
  /** The same code and details as the exhibitors lib's own refusal (ExhibitorErrors.closed), which core cannot import. */
  exhibitorClosed: (status: string) =>
    new DomainError('exhibitor_closed', 'conflict', `the exhibitor is ${status}: it can have no active manager account`, { status }),
  emailTaken: () => new DomainError('email_taken', 'conflict', 'a user with this email already exists'),
};
