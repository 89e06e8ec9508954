import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../common/app.exception';
import type { HealthStatus } from '@jointduty/shared';
import { Public } from '../auth/auth.decorators';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { MetricsService } from '../metrics/metrics.service';

const VERSION = '0.1.0';

function isLoopback(addr: string | undefined): boolean {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));
}

@Controller()
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('api/health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const database = (await this.db.ping()) ? 'ok' : 'down';
    const bus = this.bus.healthy() ? 'ok' : 'down';
    const ok = database === 'ok' && bus === 'ok';
    if (!ok) void reply.status(503);
    return { status: ok ? 'ok' : 'degraded', database, bus, version: VERSION, uptimeSeconds: Math.round(process.uptime()) };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(@Req() req: FastifyRequest): string {
    // "anyone on the host": the scrape comes from this machine (or its proxy), not the network
    if (!isLoopback(req.socket.remoteAddress)) throw new AppException('forbidden', 'metrics are served to this host only');
    return this.metrics.render();
  }
}
