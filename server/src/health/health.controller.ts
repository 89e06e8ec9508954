import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../common/app.exception';
import type { HealthStatus } from '@jointduty/shared';
import { Public } from '../auth/auth.decorators';
import { addressMatcher } from '../config/address-list';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimeAdapter } from '../infra/realtime/realtime.adapter';
import { CorrelationLease } from '../infra/cluster/lease.service';

const VERSION = '0.1.0';

@Controller()
export class HealthController {
  // loopback, plus METRICS_ALLOW (config.loader.ts)
  private readonly mayScrape: (address: string | undefined) => boolean;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
    private readonly realtime: RealtimeAdapter,
    private readonly lease: CorrelationLease,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.mayScrape = addressMatcher(config.env.metricsAllow);
  }

  @Public()
  @Get('api/health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthStatus> {
    const database = (await this.db.ping()) ? 'ok' : 'down';
    // the bus is in-process; other instances are reached through the database (alerts) and the
    // realtime adapter (live fan-out). While the adapter's Redis is away this instance still
    // serves its own sockets (degraded), and says so.
    const bus = this.bus.healthy() ? 'ok' : 'down';
    const realtime: NonNullable<HealthStatus['realtime']> = {
      adapter: this.realtime.kind,
      status: this.realtime.healthy() ? 'ok' : 'down',
    };
    const ok = database === 'ok' && bus === 'ok' && realtime.status === 'ok';
    if (!ok) void reply.status(503);
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      bus,
      realtime,
      version: VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      instance: this.lease.instance,
      correlation: this.lease.held ? 'holder' : 'standby',
    };
  }

  @Public()
  @Get('metrics')
  metricsText(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    // "anyone on the host", and the scrapers METRICS_ALLOW names (Prometheus on the internal
    // network). The socket's peer, never X-Forwarded-For: a forwarded header is the client's word.
    // A proxy on an allowed address would pass everyone's requests on: deploy/nginx.conf refuses
    // /metrics itself.
    if (!this.mayScrape(req.socket.remoteAddress))
      throw new AppException('metrics.host_not_allowed', 'metrics are served to this host and METRICS_ALLOW only');
    // set here, not with @Header: a refusal is a JSON { error }, which Fastify will not send as text/plain
    void reply.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.render();
  }
}
