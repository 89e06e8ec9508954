import { Body, Controller, Get, Put } from '@nestjs/common';
import type { SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { ProfilesService } from './profiles.service';

@Controller('api/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Roles('admin', 'duty', 'leader')
  @Get()
  list() {
    return this.profiles.list();
  }

  // { "id": "beer-festival" } on by hand · { "id": null } all off · { "id": "auto" } by dates
  @Roles('admin', 'duty')
  @Put('active')
  choose(@Body() body: unknown, @CurrentUser() user: SessionUser) {
    const id = (body as { id?: unknown } | null)?.id;
    if (!(body !== null && typeof body === 'object' && 'id' in body) || (id !== null && typeof id !== 'string')) {
      throw new AppException('request.invalid_body', 'id: a profile id, "auto" or null');
    }
    return this.profiles.choose(user.username, id);
  }
}
