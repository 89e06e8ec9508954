import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  INFO_REPORT_STATUSES,
  INFO_REPORT_STEPS,
  recordId,
  type InfoReport,
  type InfoReportDetail,
  type InfoReportStep,
  type SessionUser,
} from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { enumParam } from '../common/query';
import { InfoReportsService } from './info-reports.service';

const notFound = (id: string) => new AppException('info_report.not_found', `information report ${id.slice(0, 64)} not found`);
const FORMATS = ['json', 'docx'] as const;

// encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A file download: its type, and its name as RFC 6266 / RFC 5987 spell a Chinese one. */
function sendFile(res: FastifyReply, file: { filename: string; contentType: string; body: Buffer }): Buffer {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  void res.header('Content-Type', file.contentType);
  void res.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.filename)}`);
  return file.body;
}

// CONTRACT §10: information reports (信息报送).
@Controller('api/info-reports')
export class InfoReportsController {
  constructor(private readonly reports: InfoReportsService) {}

  @Roles('admin', 'duty', 'leader')
  @Get()
  list(@Query('status') status?: string): Promise<InfoReport[]> {
    return this.reports.list(enumParam('status', status, INFO_REPORT_STATUSES));
  }

  @Roles('admin', 'duty', 'leader')
  @Get(':id')
  async detail(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<InfoReportDetail | Buffer> {
    const as = enumParam('format', format, FORMATS) ?? 'json';
    if (!recordId.safeParse(id).success) throw notFound(id);
    if (as === 'docx') return sendFile(res, await this.reports.word(id));
    return this.reports.detail(id);
  }

  @Roles('admin', 'duty')
  @Post(':id/:step')
  @HttpCode(200)
  submit(
    @Param('id') id: string,
    @Param('step') step: string,
    @Body() body: unknown,
    @CurrentUser() user: SessionUser,
  ): Promise<InfoReportDetail> {
    if (!(INFO_REPORT_STEPS as readonly string[]).includes(step)) {
      throw new AppException('request.no_route', `step: must be one of ${INFO_REPORT_STEPS.join(' ')}`);
    }
    if (!recordId.safeParse(id).success) throw notFound(id);
    return this.reports.submit(user, id, step as InfoReportStep, body);
  }
}
