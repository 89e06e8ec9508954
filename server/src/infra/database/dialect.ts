import { unnestFrom, valuesClause, type Param, type Queryable, type Row, type ScalarParam } from './db';

// The statements that SQLite and PostgreSQL write differently, each behind one helper, so that
// repositories write the same SQL for both and never ask which database they are on.

// What ends a SELECT that reads rows the transaction then changes: ` FOR UPDATE` on PostgreSQL,
// which locks them until commit; nothing on SQLite, whose write transaction (BEGIN IMMEDIATE)
// already holds the whole database.
export function forUpdate(q: Queryable): string {
  return q.dialect === 'postgres' ? ' FOR UPDATE' : '';
}

// A table's key columns with their PostgreSQL element types (for unnestFrom).
export interface KeyColumns {
  table: string;
  columns: readonly string[];
  types: readonly string[];
}

// SQLite: keys per IN list, far below its parameter limit
const IN_CHUNK = 500;

// Which of these keys (one value per key column) the table holds: its rows' key columns, at most
// one row per stored key unless the key is given twice. PostgreSQL: one statement joining the
// keys as arrays; SQLite: per value of the leading columns, IN lists of the last one, 500 at a time.
export async function existingKeys<T = Row>(q: Queryable, key: KeyColumns, keys: readonly (readonly ScalarParam[])[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const cols = key.columns;
  if (q.dialect === 'postgres') {
    // one round trip however many keys: an index lookup per key
    const { from, params } = unnestFrom(key.types, keys);
    return q.query<T>(
      `SELECT ${cols.map((c) => `t.${c}`).join(', ')} FROM ${key.table} t JOIN ${from} AS k(${cols.join(', ')})
         ON ${cols.map((c) => `t.${c} = k.${c}`).join(' AND ')}`,
      params,
    );
  }
  const lead = cols.slice(0, -1);
  const last = cols[cols.length - 1]!;
  const groups = new Map<string, { head: ScalarParam[]; tails: ScalarParam[] }>();
  for (const k of keys) {
    const head = k.slice(0, -1);
    const id = JSON.stringify(head);
    const g = groups.get(id);
    if (g) g.tails.push(k[k.length - 1]!);
    else groups.set(id, { head, tails: [k[k.length - 1]!] });
  }
  const out: T[] = [];
  for (const { head, tails } of groups.values()) {
    for (let i = 0; i < tails.length; i += IN_CHUNK) {
      const chunk = tails.slice(i, i + IN_CHUNK);
      const where = [...lead.map((c) => `${c} = ?`), `${last} IN (${chunk.map(() => '?').join(', ')})`].join(' AND ');
      for (const r of await q.query<T>(`SELECT ${cols.join(', ')} FROM ${key.table} WHERE ${where}`, [...head, ...chunk])) out.push(r);
    }
  }
  return out;
}

// An UPDATE from many rows: the rows' columns are `v.<column>` in `set` and `where`.
export interface RowsUpdate {
  table: string;
  // the rows' columns, with their PostgreSQL element types
  columns: readonly string[];
  types: readonly string[];
  // what follows SET, e.g. `flags = v.flags`
  set: string;
  // what follows WHERE: joins the table to v, e.g. `incidents.id = v.id`, and may narrow
  where: string;
  // SQLite: rows per statement
  chunk: number;
}

// Updates a table from many rows: on PostgreSQL one statement whatever their number (unnestFrom),
// on SQLite a VALUES list per chunk, its columns named as on PostgreSQL. Returns the rows changed.
export async function updateRows(tx: Queryable, upd: RowsUpdate, rows: readonly (readonly Param[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const head = `UPDATE ${upd.table} SET ${upd.set} FROM`;
  if (tx.dialect === 'postgres') {
    const { from, params } = unnestFrom(upd.types, rows);
    return tx.execute(`${head} ${from} AS v(${upd.columns.join(', ')}) WHERE ${upd.where}`, params);
  }
  // a VALUES list's columns are column1, column2 …: renamed so that set and where read the same
  const named = upd.columns.map((c, i) => `column${i + 1} AS ${c}`).join(', ');
  let changed = 0;
  for (let i = 0; i < rows.length; i += upd.chunk) {
    const part = rows.slice(i, i + upd.chunk);
    changed += await tx.execute(
      `${head} (SELECT ${named} FROM (VALUES ${valuesClause(part.length, upd.columns.length)})) AS v WHERE ${upd.where}`,
      part.flat(),
    );
  }
  return changed;
}
