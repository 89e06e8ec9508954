import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  AUDIENCE,
  LIVE_NAMESPACE,
  ROLES,
  rooms,
  SOCKET_PATH,
  toIncidentSummary,
  type Alert,
  type ClientToServerEvents,
  type IncidentSummary,
  type Role,
  type ServerToClientEvents,
  type SessionUser,
} from '@jointduty/shared';
import { AlertsRepository } from '../alerts/alerts.repository';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { MetricsService } from '../metrics/metrics.service';
import { InstanceMessages } from '../infra/cluster/instance-messages';
import { RealtimeAdapter } from '../infra/realtime/realtime.adapter';
import { StatsService } from '../stats/stats.service';

type LiveServer = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: SessionUser }>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: SessionUser }>;

const FLUSH_MS = 100; // CONTRACT §4: incidents are flushed at least every 100 ms
const MAX_PENDING = 5000; // a flood keeps its newest summaries; the wall catches up from stats
const STATS_MS = 5000;
const REPLAY_PAGE = 1000;
// alert changes made on other instances arrive by notice; this poll is the floor
const TAIL_MS = 1000;
// Sockets that may receive alerts join this room once they are caught up (see resume)
const ALERTS_LIVE = 'alerts:live';
// Sockets that asked in their handshake not to be sent work orders (LIVE_MUTABLE)
const MUTED_ORDERS = 'mute:orders';

const roomsFor = (roles: Role[]) => roles.map(rooms.role);

/** The /live namespace: authenticates the handshake, joins rooms from the identity, fans out. */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('live');
  private io: Server | null = null;
  private ns: LiveServer | null = null;
  private pending: IncidentSummary[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private statsTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  // sockets replaying missed alerts: live changes wait here so order is kept
  private readonly replaying = new Map<string, Array<{ kind: 'new' | 'update'; alert: Alert }>>();
  private tailCursor = 0;
  private tailing: Promise<void> | null = null;
  private tailAgain = false;
  private tailWarnedAt = 0;
  private tailTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly bus: EventBus,
    private readonly alerts: AlertsRepository,
    private readonly stats: StatsService,
    private readonly metrics: MetricsService,
    private readonly messages: InstanceMessages,
    private readonly realtime: RealtimeAdapter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const http = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    this.io = new Server(http, {
      path: SOCKET_PATH,
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      maxHttpBufferSize: 64 * 1024,
    });
    // several instances: what one emits to a room reaches the sockets of every instance
    this.realtime.attach(this.io);
    // nothing lives on the default namespace
    this.io.of('/').use((_socket, next) => next(new Error('use the /live namespace')));
    const ns = this.io.of(LIVE_NAMESPACE) as LiveServer;
    this.ns = ns;
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const user = this.auth.verify(typeof token === 'string' ? token : null);
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      next();
    });
    ns.on('connection', (socket: LiveSocket) => this.onConnection(socket));

    this.unsubscribe.push(
      this.bus.subscribe('incident.accepted', (batch) => this.queueIncidents(batch.map(toIncidentSummary))),
      // a reclassified or moved incident: masked, to those who see the incident stream
      this.bus.subscribe('incident.updated', (incident) => {
        ns.to(roomsFor(AUDIENCE.incidents)).emit('incident:update', toIncidentSummary(incident));
      }),
      // alert changes go out in seq order, whoever made them: this instance's own at once when next
      // in order, anything else read back from the change log (committedHere, tail)
      this.bus.subscribe('alert.raised', (a) => this.committedHere('new', a)),
      this.bus.subscribe('alert.updated', (a) => this.committedHere('update', a)),
      this.bus.subscribe('alert.escalated', (a) => {
        ns.to(roomsFor(AUDIENCE.escalations)).emit('alert:escalated', a);
      }),
      this.bus.subscribe('dispatch.created', ({ teamId, notice }) => {
        ns.to(rooms.team(teamId)).emit('dispatch:new', notice);
      }),
      // one emit to the union of rooms: a socket in two of them gets the note once
      this.bus.subscribe('event.noted', ({ notice, teamIds }) => {
        ns.to([...roomsFor(AUDIENCE.alerts), ...teamIds.map(rooms.team)]).emit('event:note', notice);
      }),
      // work orders: duty sees all, a unit's users their own (a department's users its units' too)
      this.bus.subscribe('order.changed', ({ kind, order, units }) => {
        ns.to([...roomsFor(AUDIENCE.orders), ...units.map(rooms.department)])
          .except(MUTED_ORDERS)
          .emit(kind === 'new' ? 'order:new' : 'order:update', order);
      }),
      this.bus.subscribe('order.reminded', ({ order, reminder, units }) => {
        // the work-group level goes to the work group (notifications), not into the platform
        if (reminder.level === 'group') return;
        ns.to(units.map(rooms.department)).emit('order:reminder', { order, reminder });
      }),
      // the duty strip: every instance works it out and tells its own sockets (see HandoverService)
      this.bus.subscribe('duty.changed', (state) => {
        ns.local.to(roomsFor(AUDIENCE.duty)).emit('duty:state', state);
      }),
      // information reports: opened, submitted, closed or gone late
      this.bus.subscribe('info-report.changed', (report) => {
        ns.to(roomsFor(AUDIENCE.duty)).emit('info-report:update', report);
      }),
    );
    this.messages.on('alerts', () => this.tail());
    this.tailCursor = await this.alerts.lastSeq();
    this.tailTimer = setInterval(() => this.tail(), TAIL_MS);
    this.tailTimer.unref();
    this.statsTimer = setInterval(() => void this.pushStats(), STATS_MS);
    this.statsTimer.unref();
    this.metrics.gauge('jointduty_sockets_connected', 'Connected live sockets by role', () =>
      ROLES.map((r) => [{ role: r }, ns.adapter.rooms.get(rooms.role(r))?.size ?? 0]),
    );
  }

  // Before the HTTP server closes: it waits for every open connection, and a connected wall's
  // websocket would hold it open until the ping timeout (about 45 s).
  beforeApplicationShutdown(): void {
    // this instance's sockets only: with the Redis adapter a plain disconnectSockets() reaches
    // every instance's
    this.ns?.local.disconnectSockets(true);
    // and any connection still in its handshake or on long-polling
    this.io?.engine.close();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const u of this.unsubscribe) u();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.tailTimer) clearInterval(this.tailTimer);
    this.flush();
    await this.tailing;
    if (this.io) {
      this.io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => this.io!.close(() => resolve()));
    }
  }

  private onConnection(socket: LiveSocket): void {
    const user = socket.data.user;
    void socket.join(rooms.role(user.role));
    if (user.teamId) void socket.join(rooms.team(user.teamId));
    if (user.role === 'department' && user.departmentId) void socket.join(rooms.department(user.departmentId));
    if (AUDIENCE.alerts.includes(user.role)) void socket.join(ALERTS_LIVE);
    const mute = (socket.handshake.auth as { mute?: unknown } | undefined)?.mute;
    if (Array.isArray(mute) && mute.includes('orders')) void socket.join(MUTED_ORDERS);
    socket.on('resume', (req, ack) => {
      void this.resume(socket, req, typeof ack === 'function' ? ack : undefined).catch((err: unknown) =>
        this.logger.warn(`resume failed for ${user.username}: ${String(err)}`),
      );
    });
    socket.on('disconnect', () => this.replaying.delete(socket.id));
  }

  /** Replays every alert change after `afterSeq`, in order, then goes live again. */
  private async resume(socket: LiveSocket, req: unknown, ack?: (info: { lastSeq: number; replayed: number }) => void): Promise<void> {
    if (!AUDIENCE.alerts.includes(socket.data.user.role)) return;
    const afterSeq = (req as { afterSeq?: unknown } | null)?.afterSeq;
    let cursor = typeof afterSeq === 'number' && Number.isInteger(afterSeq) && afterSeq >= 0 ? afterSeq : 0;
    void socket.leave(ALERTS_LIVE);
    this.replaying.set(socket.id, []);
    let replayed = 0;
    try {
      for (;;) {
        const page = await this.alerts.changesAfter(cursor, REPLAY_PAGE);
        for (const c of page) socket.emit(c.kind === 'new' ? 'alert:new' : 'alert:update', c.alert);
        replayed += page.length;
        if (page.length > 0) cursor = page[page.length - 1]!.seq;
        if (page.length < REPLAY_PAGE) break;
      }
      // changes published while we read: send those past the cursor, in order
      for (const c of (this.replaying.get(socket.id) ?? []).sort((a, b) => a.alert.seq - b.alert.seq)) {
        if (c.alert.seq > cursor) {
          socket.emit(c.kind === 'new' ? 'alert:new' : 'alert:update', c.alert);
          cursor = c.alert.seq;
          replayed++;
        }
      }
    } finally {
      this.replaying.delete(socket.id);
      if (socket.connected) void socket.join(ALERTS_LIVE);
    }
    const info = { lastSeq: Math.max(cursor, await this.alerts.lastSeq()), replayed };
    socket.emit('resumed', info);
    ack?.(info);
  }

  /**
   * Pushes alert changes committed since the last push, from the change log, in seq order: those
   * made here, and those made on other instances (a notice, or the poll every second). Each
   * instance pushes to its own sockets, so no alert depends on Redis, and none comes twice.
   */
  private tail(): void {
    if (this.tailing) {
      this.tailAgain = true;
      return;
    }
    this.tailing = this.tailNow()
      .catch((err: unknown) => {
        // once every 10 s while the database is away, not every poll
        if (Date.now() - this.tailWarnedAt < 10_000) return;
        this.tailWarnedAt = Date.now();
        this.logger.warn(`alert push failed (next try within a second): ${String(err)}`);
      })
      .finally(() => {
        this.tailing = null;
        if (this.tailAgain) {
          this.tailAgain = false;
          this.tail();
        }
      });
  }

  private async tailNow(): Promise<void> {
    if (!this.ns) return;
    for (;;) {
      const page = await this.alerts.changesAfter(this.tailCursor, REPLAY_PAGE);
      const now = Date.now();
      for (const c of page) {
        this.tailCursor = c.seq;
        this.pushAlert(c.kind, c.alert, now);
      }
      if (page.length < REPLAY_PAGE) return;
    }
  }

  /**
   * An alert change this instance just committed (and wrote to the change log). When it is the
   * next in seq order and no read of the log is under way, it is pushed as it is, without reading
   * the log back: the seq counter's row lock makes seq order commit order, so nothing before it
   * can still be missing. Otherwise the log is read, which pushes it in its turn.
   */
  private committedHere(kind: 'new' | 'update', alert: Alert): void {
    if (this.ns && !this.tailing && alert.seq === this.tailCursor + 1) {
      this.tailCursor = alert.seq;
      this.pushAlert(kind, alert, Date.now());
      return;
    }
    this.tail();
  }

  private pushAlert(kind: 'new' | 'update', alert: Alert, now: number): void {
    const ns = this.ns;
    if (!ns) return;
    ns.local.to(ALERTS_LIVE).emit(kind === 'new' ? 'alert:new' : 'alert:update', alert);
    for (const buf of this.replaying.values()) buf.push({ kind, alert });
    this.metrics.inc('jointduty_alert_changes_pushed_total', 'Alert changes pushed live', { kind, severity: alert.severity });
    this.metrics.observe(
      'jointduty_push_latency_seconds',
      'From commit (alerts) or intake (incidents) to the push',
      { event: `alert:${kind}` },
      Math.max(0, now - Date.parse(alert.updatedAt)) / 1000,
    );
  }

  private queueIncidents(batch: IncidentSummary[]): void {
    this.pending.push(...batch);
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = null;
    if (this.pending.length === 0 || !this.ns) return;
    const batch = this.pending;
    this.pending = [];
    // one frame per socket per flush, whatever the number of incidents in it
    this.ns.to(roomsFor(AUDIENCE.incidents)).emit('incidents', batch);
    const now = Date.now();
    for (const i of batch) {
      this.metrics.observe(
        'jointduty_push_latency_seconds',
        'From commit (alerts) or intake (incidents) to the push',
        { event: 'incidents' },
        Math.max(0, now - Date.parse(i.receivedAt)) / 1000,
      );
    }
  }

  private async pushStats(): Promise<void> {
    const ns = this.ns;
    if (!ns) return;
    const targets = roomsFor(AUDIENCE.stats);
    if (!targets.some((r) => (ns.adapter.rooms.get(r)?.size ?? 0) > 0)) return;
    try {
      // every instance pushes to its own sockets
      ns.local.to(targets).emit('stats', await this.stats.overview());
    } catch (err) {
      this.logger.warn(`stats push failed: ${String(err)}`);
    }
  }
}
