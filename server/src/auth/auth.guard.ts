import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { PUBLIC_KEY, ROLES_KEY, type AuthedRequest } from './auth.decorators';
import { AuthService } from './auth.service';

export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1]! : null;
}

// Global: every route needs a valid token unless marked @Public(); @Roles narrows further.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest & { headers: Record<string, unknown> }>();
    const user = this.auth.verify(bearerToken(req.headers.authorization));
    if (!user) throw new AppException('auth.unauthenticated', 'sign in first: missing, expired or invalid token');
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw new AppException('auth.forbidden', `role ${user.role} may not do this`);
    return true;
  }
}
