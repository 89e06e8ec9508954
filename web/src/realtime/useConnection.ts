import { getCurrentScope, onScopeDispose, readonly, ref, shallowRef, type Ref } from 'vue';
import type { LiveMutable, ServerToClientEvents } from '@jointduty/shared';
import { useSessionStore } from '../features/session/store';
import { backoffDelay, createLiveSocket, type LiveEvent, type LiveSocket } from './socket';

// connecting: before the first connect · connected · reconnecting: lost, retrying ·
// offline: the browser is offline or the link has been down longer than offlineAfterMs
// (still retrying in the background).
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ConnectionOptions {
  token?: () => string | null;
  onUnauthorized?: () => void;
  // replay missed alert changes after each reconnect (roles that receive alerts)
  resume?: boolean;
  offlineAfterMs?: number;
  /** what this screen does not show, so the server need not send it (LIVE_MUTABLE) */
  mute?: readonly LiveMutable[];
  socketFactory?: (token: () => string | null) => LiveSocket;
}

export interface LiveConnection {
  state: Readonly<Ref<ConnectionState>>;
  /** Highest alert seq seen, from pushes, snapshots and `resumed`. */
  lastSeq: Readonly<Ref<number>>;
  /** Since when the link has been up (ms epoch), null while down. */
  connectedSince: Readonly<Ref<number | null>>;
  /** Subscribes for the lifetime of the calling scope; returns an unsubscribe. */
  on<E extends LiveEvent>(event: E, handler: ServerToClientEvents[E]): () => void;
  /** Runs after every connect; `first` is false for reconnects. */
  onConnect(handler: (info: { first: boolean }) => void): () => void;
  noteSeq(seq: number): void;
  /** Asks for every alert change after `afterSeq` (default lastSeq) if connected. */
  resync(afterSeq?: number): void;
  close(): void;
}

export const UNAUTHORIZED_MESSAGE = 'unauthorized';

export function useConnection(options: ConnectionOptions = {}): LiveConnection {
  let token = options.token;
  let onUnauthorized = options.onUnauthorized;
  if (!token || !onUnauthorized) {
    const session = useSessionStore();
    token ??= () => session.token;
    onUnauthorized ??= () => session.signOut('expired');
  }
  const resumeEnabled = options.resume ?? true;
  const offlineAfterMs = options.offlineAfterMs ?? 10_000;

  const state = ref<ConnectionState>('connecting');
  const lastSeq = ref(0);
  const connectedSince = shallowRef<number | null>(null);
  const socket = options.socketFactory ? options.socketFactory(token) : createLiveSocket(token, options.mute);

  let everConnected = false;
  let closed = false;
  let offlineTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let manualAttempt = 0;
  const connectHandlers = new Set<(info: { first: boolean }) => void>();

  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

  function clearTimers() {
    if (offlineTimer) clearTimeout(offlineTimer);
    if (retryTimer) clearTimeout(retryTimer);
    offlineTimer = retryTimer = null;
  }

  function markDown() {
    connectedSince.value = null;
    if (browserOffline()) {
      state.value = 'offline';
    } else if (state.value !== 'offline') {
      state.value = everConnected ? 'reconnecting' : 'connecting';
    }
    if (!offlineTimer && state.value !== 'offline') {
      offlineTimer = setTimeout(() => {
        offlineTimer = null;
        if (state.value !== 'connected') state.value = 'offline';
      }, offlineAfterMs);
    }
  }

  // socket.io retries transport failures itself; a server-side disconnect or a middleware
  // refusal leaves the socket inactive, so we retry those with our own backoff.
  function scheduleManualReconnect() {
    if (closed || retryTimer || socket.active) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!closed && !socket.connected) socket.connect();
    }, backoffDelay(manualAttempt++));
  }

  function noteSeq(seq: number) {
    if (Number.isFinite(seq) && seq > lastSeq.value) lastSeq.value = seq;
  }

  function resync(afterSeq?: number) {
    if (!resumeEnabled || !socket.connected) return;
    socket.emit('resume', { afterSeq: afterSeq ?? lastSeq.value });
  }

  socket.on('connect', () => {
    clearTimers();
    manualAttempt = 0;
    state.value = 'connected';
    connectedSince.value = Date.now();
    const first = !everConnected;
    // after the first connect, or when a snapshot already told us where we are
    if (!first || lastSeq.value > 0) resync();
    everConnected = true;
    for (const h of connectHandlers) h({ first });
  });

  socket.on('disconnect', (reason) => {
    if (closed) return;
    markDown();
    if (reason === 'io server disconnect') scheduleManualReconnect();
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    if (err.message === UNAUTHORIZED_MESSAGE) {
      clearTimers();
      state.value = 'offline';
      connectedSince.value = null;
      socket.disconnect();
      onUnauthorized();
      return;
    }
    markDown();
    scheduleManualReconnect();
  });

  socket.io.on('reconnect_attempt', () => {
    if (!closed && state.value !== 'offline' && state.value !== 'connected') markDown();
  });

  for (const event of ['alert:new', 'alert:update', 'alert:escalated'] as const) {
    socket.on(event, (alert) => noteSeq(alert.seq));
  }
  socket.on('resumed', (info) => noteSeq(info.lastSeq));

  const onBrowserOffline = () => {
    if (!socket.connected) state.value = 'offline';
  };
  const onBrowserOnline = () => {
    if (socket.connected || closed) return;
    state.value = everConnected ? 'reconnecting' : 'connecting';
    if (!socket.active) socket.connect();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onBrowserOffline);
    window.addEventListener('online', onBrowserOnline);
  }

  function on<E extends LiveEvent>(event: E, handler: ServerToClientEvents[E]): () => void {
    // socket.io-client's typed overloads do not follow a generic event name
    const s = socket as unknown as {
      on(e: string, h: (...args: unknown[]) => void): void;
      off(e: string, h: (...args: unknown[]) => void): void;
    };
    const h = handler as unknown as (...args: unknown[]) => void;
    s.on(event, h);
    const off = () => s.off(event, h);
    if (getCurrentScope()) onScopeDispose(off);
    return off;
  }

  function onConnect(handler: (info: { first: boolean }) => void): () => void {
    connectHandlers.add(handler);
    const off = () => connectHandlers.delete(handler);
    if (getCurrentScope()) onScopeDispose(off);
    return off;
  }

  function close() {
    if (closed) return;
    closed = true;
    clearTimers();
    connectHandlers.clear();
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', onBrowserOffline);
      window.removeEventListener('online', onBrowserOnline);
    }
    socket.removeAllListeners();
    socket.io.off('reconnect_attempt');
    socket.disconnect();
    connectedSince.value = null;
    state.value = 'offline';
  }

  if (getCurrentScope()) onScopeDispose(close);
  socket.connect();

  return {
    state: readonly(state),
    lastSeq: readonly(lastSeq),
    connectedSince: readonly(connectedSince),
    on,
    onConnect,
    noteSeq,
    resync,
    close,
  };
}
