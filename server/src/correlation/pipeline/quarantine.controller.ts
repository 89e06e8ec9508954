import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { QuarantinedRecord, SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { AppException } from '../../common/app.exception';
import { AuditService } from '../../audit/audit.service';
import { Db } from '../../infra/database/db';
import { CorrelationPipeline } from './correlation.pipeline';
import { InstanceMessages } from '../../infra/cluster/instance-messages';
import { QuarantineRepository } from './quarantine.repository';

// Records correlation set aside (understanding failed on them alone, again and again). Duty staff
// see them in the console and send one back to the queue once the cause is fixed (a lexicon, a
// rule, a new release). Sending back is audited.
@Roles('admin', 'duty')
@Controller('api/pipeline/quarantine')
export class QuarantineController {
  constructor(
    private readonly db: Db,
    private readonly quarantine: QuarantineRepository,
    private readonly messages: InstanceMessages,
    private readonly pipeline: CorrelationPipeline,
    private readonly audit: AuditService,
  ) {}

  @Get()
  list(): Promise<QuarantinedRecord[]> {
    return this.quarantine.list();
  }

  @Post(':id/release')
  @HttpCode(200)
  async release(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<{ released: string }> {
    const released = await this.db.transaction(async (tx) => {
      const was = await this.quarantine.release(tx, id);
      if (!was) return false;
      await this.audit.record(user.username, 'incident.release', 'incident', id, { before: { quarantine: was }, after: { quarantine: null } }, tx);
      // the holder, wherever it runs, reads the queue again
      await this.messages.notifyIn(tx, 'pending');
      return true;
    });
    if (!released) throw new AppException('quarantine.not_found', `incident ${id.slice(0, 64)} is not in the quarantine`);
    this.pipeline.released();
    return { released: id };
  }
}
