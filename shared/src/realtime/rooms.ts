import type { Role } from '../auth';

export const LIVE_NAMESPACE = '/live';
export const SOCKET_PATH = '/socket.io';

export const rooms = {
  role: (role: Role) => `role:${role}`,
  team: (teamId: string) => `team:${teamId}`,
};

/** Who receives what (CONTRACT §4). */
export const AUDIENCE = {
  alerts: ['admin', 'duty', 'leader'] as Role[],
  escalations: ['leader'] as Role[],
  incidents: ['admin', 'duty'] as Role[],
  stats: ['admin', 'duty', 'leader'] as Role[],
};
