import { z } from 'zod';

export const ROLES = ['admin', 'duty', 'leader', 'field', 'department'] as const;
export type Role = (typeof ROLES)[number];

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface SessionUser {
  username: string;
  role: Role;
  teamId?: string;
  /** a `department` user's unit: a department, or one of its district units */
  departmentId?: string;
}

export interface LoginResponse {
  token: string;
  user: SessionUser;
}
