import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type LoginResponse, type Role, type SessionUser } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { UsersRepository, type UserRow } from './users.repository';

export const DEMO_PASSWORD = 'jointduty';
const TOKEN_TTL = '7d'; // a wall screen stays signed in through a festival week
const BCRYPT_COST = 10;

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('auth');
  private users = new Map<string, UserRow>();
  private secret = '';
  // a hash to compare against when the user does not exist, so timing does not reveal usernames
  private readonly dummyHash = bcrypt.hashSync('not-a-user', BCRYPT_COST);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: UsersRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret = this.loadSecret();
    await this.seedAccounts();
    for (const u of await this.repo.all()) this.users.set(u.username, u);
    if (this.config.env.production) await this.refuseDefaultPasswords();
  }

  async login(username: unknown, password: unknown): Promise<LoginResponse> {
    if (typeof username !== 'string' || typeof password !== 'string') {
      throw new AppException('request.invalid_body', 'username and password: must be strings');
    }
    const user = this.users.get(username);
    const ok = await bcrypt.compare(password.slice(0, 256), user?.passwordHash ?? this.dummyHash);
    if (!user || !ok) throw new AppException('auth.invalid_credentials', 'wrong username or password');
    const session = this.session(user);
    const token = jwt.sign(session, this.secret, { algorithm: 'HS256', expiresIn: TOKEN_TTL, subject: user.id });
    return { token, user: session };
  }

  /** The signed-in user a token stands for, or null for a missing, forged or expired one. */
  verify(token: string | undefined | null): SessionUser | null {
    if (!token || typeof token !== 'string' || token.length > 4096) return null;
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      const user = typeof payload.username === 'string' ? this.users.get(payload.username) : undefined;
      // the account must still exist with the same id and role
      if (!user || user.id !== payload.sub || user.role !== payload.role) return null;
      if ((user.departmentId ?? undefined) !== (payload.departmentId ?? undefined)) return null;
      return this.session(user);
    } catch {
      return null;
    }
  }

  private session(u: UserRow): SessionUser {
    const s: SessionUser = { username: u.username, role: u.role as Role };
    if (u.teamId) s.teamId = u.teamId;
    if (u.departmentId) s.departmentId = u.departmentId;
    return s;
  }

  private loadSecret(): string {
    if (this.config.env.jwtSecret) return this.config.env.jwtSecret;
    // outside production: generated once and kept beside the database, so sessions survive restarts
    const file = path.join(this.config.env.dataDir, 'jwt-secret');
    try {
      const existing = fs.readFileSync(file, 'utf8').trim();
      if (existing.length >= 32) return existing;
    } catch {
      // first start
    }
    fs.mkdirSync(this.config.env.dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  }

  private async seedAccounts(): Promise<void> {
    const existing = new Set((await this.repo.all()).map((u) => u.username));
    // production seeds an empty database only; a demo database also gains demo accounts added to
    // config since it was made (the department users of a database from before work orders)
    if (existing.size > 0 && this.config.env.production) return;
    const missing = this.config.accounts.filter((a) => !existing.has(a.username) && (ROLES as readonly string[]).includes(a.role));
    if (missing.length === 0) return;
    let password = DEMO_PASSWORD;
    if (this.config.env.production) {
      const seed = process.env.SEED_PASSWORD;
      if (!seed || seed.length < 12 || seed === DEMO_PASSWORD) {
        throw new Error(
          'SEED_PASSWORD: production needs a first password of at least 12 characters for the seeded accounts (not the demo password)',
        );
      }
      password = seed;
    }
    for (const a of missing) {
      await this.repo.insert({
        id: randomUUID(),
        username: a.username,
        passwordHash: await bcrypt.hash(password, BCRYPT_COST),
        role: a.role,
        teamId: a.teamId ?? null,
        departmentId: a.departmentId ?? null,
        displayName: a.displayName,
      });
    }
    this.logger.log(`seeded ${missing.length} accounts${this.config.env.production ? '' : ` (password "${DEMO_PASSWORD}")`}`);
  }

  private async refuseDefaultPasswords(): Promise<void> {
    const weak: string[] = [];
    for (const u of this.users.values()) if (await bcrypt.compare(DEMO_PASSWORD, u.passwordHash)) weak.push(u.username);
    if (weak.length > 0) {
      throw new Error(`production refuses the default password, still set for: ${weak.join(', ')}`);
    }
  }
}
