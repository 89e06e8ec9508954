import type { Role } from '../auth';

export const LIVE_NAMESPACE = '/live';
export const SOCKET_PATH = '/socket.io';

export const rooms = {
  role: (role: Role) => `role:${role}`,
  team: (teamId: string) => `team:${teamId}`,
  /** a department or district unit: its department users */
  department: (departmentId: string) => `dept:${departmentId}`,
};

/** Who receives what (CONTRACT §4). */
export const AUDIENCE = {
  alerts: ['admin', 'duty', 'leader'] as Role[],
  escalations: ['leader'] as Role[],
  incidents: ['admin', 'duty'] as Role[],
  stats: ['admin', 'duty', 'leader'] as Role[],
  /** work orders: these roles see every order; department users their unit's (CONTRACT §7) */
  orders: ['admin', 'duty'] as Role[],
  /** information reports and the duty strip (CONTRACT §10) */
  duty: ['admin', 'duty', 'leader'] as Role[],
};
