import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role, SessionUser } from '@jointduty/shared';

export const PUBLIC_KEY = 'jointduty:public';
export const ROLES_KEY = 'jointduty:roles';

/** No token needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only these roles; anyone signed in when absent. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthedRequest {
  user?: SessionUser;
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
