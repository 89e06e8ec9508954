import { Injectable } from '@nestjs/common';
import { Db } from '../infra/database/db';

export interface UserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  teamId: string | null;
  departmentId: string | null;
  displayName: string;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<UserRow[]> {
    return this.db.query<UserRow>(
      `SELECT id, username, password_hash AS "passwordHash", role, team_id AS "teamId", department_id AS "departmentId", display_name AS "displayName" FROM users`,
    );
  }

  async insert(u: UserRow): Promise<void> {
    await this.db.execute(
      `INSERT INTO users (id, username, password_hash, role, team_id, department_id, display_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [u.id, u.username, u.passwordHash, u.role, u.teamId, u.departmentId, u.displayName, Date.now()],
    );
  }
}
