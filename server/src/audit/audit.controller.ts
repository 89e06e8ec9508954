import { Controller, Get, Query } from '@nestjs/common';
import { auditQuerySchema, type AuditEntry } from '@jointduty/shared';
import { Roles } from '../auth/auth.decorators';
import { parseOr400 } from '../common/zod';
import { AuditService } from './audit.service';

@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  // ?actor= &action= &targetType= &targetId= &since= &until= &limit= &before=
  @Roles('admin')
  @Get()
  list(@Query() query: unknown): Promise<AuditEntry[]> {
    return this.audit.list(parseOr400(auditQuerySchema, query ?? {}, 'query'));
  }
}
