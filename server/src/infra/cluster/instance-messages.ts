import type { Queryable } from '../database/db';
import type { ClusterSession } from './cluster-session';

// Messages between the instances sharing one database: a notice carries no payload, it only
// wakes the others to read what changed.
// - `pending`: records stored by an instance not holding the lease, for the holder to pick up;
// - `alerts`: alert changes committed anywhere, for every instance to push to its own sockets.
// A notice is sent inside the transaction that made the change, so it is delivered when (and
// only if) that commits. With one process (SQLite) there is no one to tell: a no-op.

export type Notice = 'pending' | 'alerts';

/** The door to the other instances; injected by its class, provided by ClusterModule. */
export abstract class InstanceMessages {
  /** Tells the other instances, on commit of `tx`. */
  abstract notifyIn(tx: Queryable, notice: Notice): Promise<void>;
  /** Runs `handler` on each notice heard, and after each reconnection (notices may have been missed). */
  abstract on(notice: Notice, handler: () => void): void;
}

const CHANNELS: Record<Notice, string> = { pending: 'jointduty_pending', alerts: 'jointduty_alerts' };
const NOTICES = Object.keys(CHANNELS) as Notice[];

/** PostgreSQL: NOTIFY in the transaction, LISTEN on the instance's own session. */
export class PgInstanceMessages extends InstanceMessages {
  private readonly handlers: Record<Notice, Array<() => void>> = { pending: [], alerts: [] };

  constructor(session: ClusterSession) {
    super();
    for (const n of NOTICES) session.listen(CHANNELS[n], () => this.heard(n));
    session.onOpened(() => {
      for (const n of NOTICES) this.heard(n);
    });
  }

  async notifyIn(tx: Queryable, notice: Notice): Promise<void> {
    await tx.query(`SELECT pg_notify(?, '')`, [CHANNELS[notice]]);
  }

  on(notice: Notice, handler: () => void): void {
    this.handlers[notice].push(handler);
  }

  private heard(notice: Notice): void {
    for (const h of this.handlers[notice]) h();
  }
}

/** One process (SQLite): nothing to send, nothing to hear. */
export class NoInstanceMessages extends InstanceMessages {
  async notifyIn(): Promise<void> {}

  on(): void {}
}
