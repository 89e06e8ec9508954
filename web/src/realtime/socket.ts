import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, SOCKET_PATH, type ClientToServerEvents, type LiveMutable, type ServerToClientEvents } from '@jointduty/shared';

// One event map, compiled on both sides (shared/src/realtime/events.ts).
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveEvent = keyof ServerToClientEvents;

export const RECONNECT = {
  delayMs: 1000,
  delayMaxMs: 30_000,
  randomization: 0.5,
} as const;

// The token is read on every (re)connect, so a new sign-in is picked up without a new socket.
// `mute`: what this screen does not show and need not be sent (LIVE_MUTABLE).
export function createLiveSocket(token: () => string | null, mute: readonly LiveMutable[] = []): LiveSocket {
  return io(LIVE_NAMESPACE, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: (cb) => cb(mute.length > 0 ? { token: token() ?? '', mute: [...mute] } : { token: token() ?? '' }),
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: RECONNECT.delayMs,
    reconnectionDelayMax: RECONNECT.delayMaxMs,
    randomizationFactor: RECONNECT.randomization,
    autoConnect: false,
  });
}

// Exponential backoff with jitter, for the reconnects socket.io leaves to us
// (a disconnect by the server, a refusal by middleware).
export function backoffDelay(attempt: number): number {
  const base = Math.min(RECONNECT.delayMaxMs, RECONNECT.delayMs * 2 ** Math.max(0, attempt));
  const jitter = 1 + (Math.random() * 2 - 1) * RECONNECT.randomization;
  return Math.round(base * jitter);
}
