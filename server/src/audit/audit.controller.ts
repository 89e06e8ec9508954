import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import { limitParam } from '../common/query';
import { AuditService, type AuditEntry } from './audit.service';

@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get()
  list(@Query('limit') limit?: string, @Query('targetId') targetId?: string): Promise<AuditEntry[]> {
    return this.audit.list(limitParam(limit, 100, 1000), targetId);
  }
}
