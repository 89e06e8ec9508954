import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import type BetterSqlite3 from 'better-sqlite3';
import { dialectOf, type Dialect } from './data-source';

export type ScalarParam = string | number | boolean | null;
/** A value bound to a `?`; arrays only on PostgreSQL (unnestFrom). */
export type Param = ScalarParam | readonly ScalarParam[];
export type Row = Record<string, unknown>;

/** A connection inside a transaction, or the pool outside one. SQL uses `?` placeholders. */
export interface Queryable {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  execute(sql: string, params?: Param[]): Promise<number>;
}

// PostgreSQL wants $1…$n; callers write `?` once for both dialects.
export function toPg(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

function sqliteParams(params: Param[]): Array<string | number | null> {
  return params.map((p) => {
    if (Array.isArray(p)) throw new Error('SQLite takes no array parameters (unnestFrom is for PostgreSQL)');
    return typeof p === 'boolean' ? (p ? 1 : 0) : (p as string | number | null);
  });
}

class SqliteConn implements Queryable {
  readonly dialect = 'sqlite' as const;
  private readonly stmts = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly db: BetterSqlite3.Database) {}

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.stmts.size > 500) this.stmts.clear();
      this.stmts.set(sql, s);
    }
    return s;
  }

  async query<T>(sql: string, params: Param[] = []): Promise<T[]> {
    const s = this.stmt(sql);
    if (s.reader) return s.all(sqliteParams(params)) as T[];
    s.run(sqliteParams(params));
    return [];
  }

  async execute(sql: string, params: Param[] = []): Promise<number> {
    return this.stmt(sql).run(sqliteParams(params)).changes;
  }
}

class PgConn implements Queryable {
  readonly dialect = 'postgres' as const;
  constructor(private readonly run: (sql: string, params: Param[]) => Promise<{ rows: unknown[]; rowCount: number }>) {}

  async query<T>(sql: string, params: Param[] = []): Promise<T[]> {
    return (await this.run(toPg(sql), params)).rows as T[];
  }

  async execute(sql: string, params: Param[] = []): Promise<number> {
    return (await this.run(toPg(sql), params)).rowCount;
  }
}

/** The one door to the database for feature repositories. */
export class Db implements Queryable {
  readonly dialect: Dialect;
  private readonly sqlite: SqliteConn | null = null;
  private readonly pg: PgConn | null = null;
  private readonly pool: Pool | null = null;
  // SQLite has one connection: write transactions take turns here instead of failing on BEGIN.
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    if (this.dialect === 'sqlite') {
      const native = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
      this.sqlite = new SqliteConn(native);
    } else {
      this.pool = (dataSource.driver as unknown as { master: Pool }).master;
      const pool = this.pool;
      this.pg = new PgConn(async (sql, params) => {
        const res = await pool.query(sql, params);
        return { rows: res.rows, rowCount: res.rowCount ?? 0 };
      });
    }
  }

  query<T = Row>(sql: string, params?: Param[]): Promise<T[]> {
    return (this.sqlite ?? this.pg)!.query<T>(sql, params);
  }

  execute(sql: string, params?: Param[]): Promise<number> {
    return (this.sqlite ?? this.pg)!.execute(sql, params);
  }

  /** Runs fn in one transaction: all of it is committed, or none. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (this.sqlite) {
      const conn = this.sqlite;
      const run = this.chain.then(async () => {
        conn.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(conn);
          conn.db.exec('COMMIT');
          return result;
        } catch (err) {
          if (conn.db.inTransaction) conn.db.exec('ROLLBACK');
          throw err;
        }
      });
      this.chain = run.catch(() => undefined);
      return run;
    }
    const client: PoolClient = await this.pool!.connect();
    let broken = false;
    // a connection that dies while checked out emits 'error' on the client: unheard, that would
    // end the process (the pool only listens on idle clients). The query fails as well; the
    // client is thrown away on release.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx = new PgConn(async (sql, params) => {
        const res = await client.query(sql, params);
        return { rows: res.rows, rowCount: res.rowCount ?? 0 };
      });
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }
}

/** "(?, ?, ?), (?, ?, ?)" for a multi-row VALUES clause. */
export function valuesClause(rows: number, cols: number): string {
  const one = `(${new Array(cols).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

/**
 * PostgreSQL: rows passed as one array per column, for `INSERT … SELECT * FROM <from>` or
 * `UPDATE … FROM <from> AS v(…)`. The statement stays short whatever the number of rows, and
 * PostgreSQL takes it in well under half the time of a VALUES list of thousands of parameters
 * (docs/benchmarks.md). `types` are the columns' element types.
 */
export function unnestFrom(types: readonly string[], rows: readonly (readonly Param[])[]): { from: string; params: Param[] } {
  const params: string[] = [];
  const column = new Array<string>(rows.length);
  for (let i = 0; i < types.length; i++) {
    for (let j = 0; j < rows.length; j++) column[j] = arrayElement(rows[j]![i] as ScalarParam);
    params.push(`{${column.join(',')}}`);
  }
  return { from: `unnest(${types.map((t) => `?::${t}[]`).join(', ')})`, params };
}

/** A multi-row INSERT: its table, columns with their PostgreSQL element types, and what follows. */
export interface RowsInsert {
  table: string;
  columns: readonly string[];
  types: readonly string[];
  /** after the rows: ON CONFLICT …, RETURNING … */
  tail: string;
  /** SQLite: rows per statement */
  chunk: number;
}

/**
 * Inserts many rows: on PostgreSQL one statement whatever their number (unnestFrom), on SQLite
 * multi-row VALUES in chunks. Returns what the tail's RETURNING gives, else nothing.
 */
export async function insertRows<T = Row>(tx: Queryable, ins: RowsInsert, rows: readonly (readonly Param[])[]): Promise<T[]> {
  if (rows.length === 0) return [];
  const head = `INSERT INTO ${ins.table} (${ins.columns.join(', ')})`;
  if (tx.dialect === 'postgres') {
    const { from, params } = unnestFrom(ins.types, rows);
    return tx.query<T>(`${head} SELECT * FROM ${from} ${ins.tail}`, params);
  }
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += ins.chunk) {
    const part = rows.slice(i, i + ins.chunk);
    for (const r of await tx.query<T>(`${head} VALUES ${valuesClause(part.length, ins.columns.length)} ${ins.tail}`, part.flat()))
      out.push(r);
  }
  return out;
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/**
 * One element of a PostgreSQL array literal: NULL, or the value quoted with `\` and `"` escaped.
 * Built here rather than by pg (which escapes every element with two regular expressions and
 * concatenates thousands of pieces): joined once, the literal is one flat string, which is what
 * the driver then measures and copies. A 1,500-record group's literals are about 2 MB.
 */
export function arrayElement(v: ScalarParam): string {
  if (v === null || v === undefined) return 'NULL';
  const s = typeof v === 'string' ? v : String(v);
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPED, '\\$&')}"` : `"${s}"`;
}

export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: unknown): number | null => (v == null ? null : num(v));

/**
 * "WHERE a = ? AND b = ?" and its parameters from optional equality filters; filters whose value
 * is undefined are left out.
 */
export function whereEquals(filters: Array<[clause: string, value: Param | undefined]>): { sql: string; params: Param[] } {
  const present = filters.filter((f): f is [string, Param] => f[1] !== undefined);
  return { sql: present.length ? 'WHERE ' + present.map((f) => f[0]).join(' AND ') : '', params: present.map((f) => f[1]) };
}
