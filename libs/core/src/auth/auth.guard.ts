import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { AuthService } from './auth.service';
import { Actor, Role } from './roles';

const PUBLIC_KEY = 'fairops:public';
const ROLES_KEY = 'fairops:roles';

/** Marks a route callable without a log-in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The roles allowed on a route. A route with neither @Public nor @Roles is closed to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The caller of a public route, when they sent a valid token. */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor ?? null);

/** The caller, as the guard authenticated them. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw AuthErrors.missingToken();
  return actor;
});

/** Applied to every route: authenticates the bearer token, then checks the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // A public route still knows who calls when a valid token is sent (an admin may do more there);
      // a bad, expired or revoked token is treated as no token, as if the caller had not logged in.
      if (match) request.actor = await this.actorOrNone(match[1]);
      return true;
    }
    if (!match) throw AuthErrors.missingToken();
    request.actor = await this.auth.authenticate(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(request.actor.role)) throw AuthErrors.forbiddenRole(roles);
    return true;
  }

  /** The actor behind a token, or none when the token does not authenticate (other errors, e.g. 503, still throw). */
  private async actorOrNone(token: string): Promise<Actor | undefined> {
    try {
      return await this.auth.authenticate(token);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'unauthenticated') return undefined;
      throw error;
    }
  }
}
