import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { loginRequestSchema, type LoginResponse } from '@jointduty/shared';
import { parseOr400 } from '../common/zod';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown): Promise<LoginResponse> {
    const { username, password } = parseOr400(loginRequestSchema, body);
    return this.auth.login(username, password);
  }
}
