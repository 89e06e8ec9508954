import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { ReportsService, type ReportAnswer, type SnapshotSummary } from './reports.service';

/** Sends a file answer with its type and a Chinese filename (RFC 5987, with an ASCII fallback); JSON as it is. */
function send(res: FastifyReply, a: ReportAnswer): unknown {
  if (a.format === 'json') return a.body;
  void res.header('Content-Type', a.contentType);
  void res.header('Content-Disposition', `attachment; filename="${a.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
  return a.body;
}

// CONTRACT §8: 值班日报, 周通报, the unit ranking; and the shift-end drafts of the duty report.
// Each takes ?format=json|xlsx|docx.
@Controller('api/reports')
@Roles('admin', 'duty', 'leader')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('daily')
  async daily(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply): Promise<unknown> {
    return send(res, await this.reports.dailyAnswer(query ?? {}));
  }

  @Get('weekly')
  async weekly(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply): Promise<unknown> {
    return send(res, await this.reports.weeklyAnswer(query ?? {}));
  }

  @Get('monthly')
  async monthly(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply): Promise<unknown> {
    return send(res, await this.reports.rankingAnswer(query ?? {}));
  }

  @Get('snapshots')
  snapshots(@Query() query: Record<string, unknown>): Promise<SnapshotSummary[]> {
    return this.reports.snapshots(query ?? {});
  }

  @Get('snapshots/:id')
  async snapshot(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<unknown> {
    return send(res, await this.reports.snapshotAnswer(id, query ?? {}));
  }
}
