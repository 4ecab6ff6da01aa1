import { DomainError } from '../errors/domain-error';
import { coreFail as fail } from '../errors/core.errors';

export const AuthErrors = {
  missingToken: () => fail('unauthenticated', 'unauthenticated', 'a bearer token is required'),
  invalidToken: () => fail('invalid_token', 'unauthenticated', 'the token is invalid, expired or revoked'),
  badCredentials: () => fail('invalid_credentials', 'unauthenticated', 'email or password is incorrect'),
  tooManyFailures: (retryAfterSeconds: number) => fail('too_many_login_failures', 'rate_limited', 'too many failed log-ins; try again later', undefined, retryAfterSeconds),
  tooManyPasswordResets: (retryAfterSeconds: number) =>
    fail('too_many_password_resets', 'rate_limited', 'too many password-reset requests for this address, or from this client; try again later', undefined, retryAfterSeconds),
  forbiddenRole: (allowed: readonly string[]) => fail('forbidden', 'forbidden', `this action needs one of the roles: ${allowed.join(', ')}`, { allowedRoles: allowed }),
  wrongCurrentPassword: () => DomainError.validation('the current password is incorrect', [{ field: 'currentPassword', reasons: ['is incorrect'] }]),
  samePassword: () => DomainError.validation('the new password must differ from the current one', [{ field: 'newPassword', reasons: ['must differ from the current password'] }]),
  cannotDisableSelf: () => fail('cannot_disable_self', 'conflict', 'an admin cannot disable their own account'),
  userNotFound: (id: string) => fail.notFound('user_not_found', 'user', id),
  emailTaken: () => fail('email_taken', 'conflict', 'a user with this email already exists'),
};
