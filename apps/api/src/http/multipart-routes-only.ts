import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { HttpErrors } from '@fairops/core';

const TAKES_MULTIPART = 'fairops:takes-multipart';

/** Marks a route that takes a multipart body (the CSV uploads); every other route takes JSON only. */
export const TakesMultipart = () => SetMetadata(TAKES_MULTIPART, true);

/**
 * A multipart body on a JSON route answers 415. requireJsonOrMultipart lets multipart through at the
 * edge, where the route is not known yet; here it is. A guard (ApiModule's first) rather than an
 * interceptor: it runs before authentication, like the edge's other checks, and a global interceptor
 * would make every server-sent-events route commit its headers before its handler checked its inputs.
 */
@Injectable()
export class MultipartRoutesOnly implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is?.('multipart/form-data') && !this.reflector.getAllAndOverride<boolean>(TAKES_MULTIPART, [context.getHandler(), context.getClass()])) {
      throw HttpErrors.unsupportedMediaType('the body must be application/json, not multipart/form-data');
    }
    return true;
  }
}
