// Work orders for the `orders` part of the bench: a year of orders with the incident each belongs
// to, their steps and their reminders, written straight into the database the server created
// (the server stopped).
//
// The orders themselves are made here, row by row, by the server's own rules from its build
// (server/dist): deadlines from config/orders.yaml on the working-day calendar (deadlinesFor),
// `open` and `next_deadline_at` as the repository writes them (nextDeadline), and for an order
// still open the reminder levels fired by now and `next_reminder_at` as the sweep leaves it
// (planReminders: nothing due now, the next look later). They go in with prepared INSERTs in one
// transaction (SQLite) or unnest() INSERTs (PostgreSQL). The rest follows from the orders inside
// the database, one INSERT … SELECT per kind of row: each order's incident, its steps (create,
// sign, contact, reply, close … at the times the order holds) and the reminders of the orders no
// longer open (each level of each deadline whose time came while the deadline was owed, at the
// level times computed here). Secondary indexes and PostgreSQL's keys are dropped for the load and built
// again after it, as a bulk load does; the schema the server then opens is the one it made.
//
// Order i's ids depend on i only: the bench names stored orders by their number without reading
// them.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './records.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverRequire = createRequire(path.join(ROOT, 'server/package.json'));
const dist = (p) => serverRequire(path.join(ROOT, 'server/dist', p));

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
export const FILLED_TABLES = ['incidents', 'orders', 'order_steps', 'order_reminders'];

// [column, PostgreSQL element type for unnest]
const ORDER_COLUMNS = [
  ['id', 'text'],
  ['incident_id', 'text'],
  ['channel', 'text'],
  ['external_id', 'text'],
  ['kind', 'text'],
  ['title', 'text'],
  ['district', 'text'],
  ['category', 'text'],
  ['department_id', 'text'],
  ['status', 'text'],
  ['urgent', 'boolean'],
  ['open', 'boolean'],
  ['created_at', 'bigint'],
  ['updated_at', 'bigint'],
  ['first_check_by', 'bigint'],
  ['due_by', 'bigint'],
  ['next_deadline_at', 'bigint'],
  ['signed_at', 'bigint'],
  ['contacted_at', 'bigint'],
  ['replied_at', 'bigint'],
  ['closed_at', 'bigint'],
  ['returned_at', 'bigint'],
  ['result', 'text'],
  ['first_check_overdue', 'boolean'],
  ['due_overdue', 'boolean'],
  ['sign_late', 'boolean'],
  ['ledger', 'boolean'],
  ['ledger_at', 'bigint'],
  ['ledger_reason', 'text'],
  ['ledger_of', 'text'],
  ['ledger_closed_at', 'bigint'],
  ['reopened', 'integer'],
  ['extension', 'text'],
  ['extension_pending', 'boolean'],
  ['next_reminder_at', 'bigint'],
  ['version', 'integer'],
];
const REMINDER_COLUMNS = [
  ['id', 'text'],
  ['order_id', 'text'],
  ['deadline', 'text'],
  ['deadline_at', 'bigint'],
  ['level', 'text'],
  ['at', 'bigint'],
  ['via', 'text'],
  ['actor', 'text'],
  ['note', 'text'],
  ['once_key', 'text'],
];

// The share of orders each unit gets (the rest of config/departments.yaml: 2 each). The market
// family (the department and its two district units) takes about a quarter: all of 12315 and
// much of 12345.
const UNIT_WEIGHTS = {
  market: 10,
  'market-shinan': 6,
  'market-huangdao': 7,
  'city-management': 8,
  'city-management-shinan': 4,
  'city-management-huangdao': 4,
  housing: 10,
  transport: 7,
  police: 4,
  'culture-tourism': 4,
  'ecology-environment': 5,
  health: 4,
  education: 4,
  'human-resources': 4,
};
const KINDS = {
  12345: [
    ['投诉', 0.45],
    ['咨询', 0.2],
    ['求助', 0.15],
    ['举报', 0.1],
    ['建议', 0.1],
  ],
  12315: [
    ['投诉', 0.6],
    ['举报', 0.2],
    ['咨询', 0.2],
  ],
  110: [['求助', 1]],
  sentiment: [['舆情', 1]],
};
const RESULTS = [
  ['已解决', 0.65],
  ['部分解决', 0.12],
  ['未解决', 0.08],
  ['不属实', 0.1],
  ['终止调解', 0.05],
];

function pick(r, table) {
  let x = r();
  for (const [v, w] of table) {
    if (x < w) return v;
    x -= w;
  }
  return table[table.length - 1][0];
}

const HEX = Array.from({ length: 256 }, (_, k) => k.toString(16).padStart(2, '0'));
const hex4 = (n) => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
const u32 = (r) => (r() * 2 ** 32) >>> 0;

/** A version-4-shaped UUID from a seeded generator (the ids the bench must name again). */
function uuidOf(r) {
  const a = u32(r);
  const b = u32(r);
  const c = u32(r);
  const d = u32(r);
  return `${hex4(a)}-${HEX[b >>> 24]}${HEX[(b >>> 16) & 255]}-4${HEX[(b >>> 8) & 255].slice(1)}${HEX[b & 255]}-${HEX[0x80 | ((c >>> 24) & 63)]}${HEX[(c >>> 16) & 255]}-${HEX[(c >>> 8) & 255]}${HEX[c & 255]}${hex4(d)}`;
}

// one generator per (row, purpose): a row's values do not depend on the rows before it
const seeded = (seed, i, salt) => rng((seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0);

// Orders of the last 30 days, and every open or ledger order, carry their whole history as the
// server writes it (about 5 steps and 4 reminders: a one-working-day first check fires its group
// and platform levels at once). Older closed orders keep their create, reply, close and overdue
// steps and their handling deadline's reminders: about 3 steps and 1–2 reminders per order over
// the table, which keeps the load within the part's time. Lists and boards show recent and open
// orders, whose history is whole.
const FULL_HISTORY_MS = 30 * DAY;

// what the database derives from an order and the generator must agree on: whether a closed
// order had a follow-up step, whether it had a manual 催办, when its record was received
const hasFollowup = (createdAt) => createdAt % 97 < 15;
const receivedOf = (createdAt, manual) => (manual ? createdAt : createdAt - (createdAt % 300_000));

/** The server's own rules and config, from its build. */
export function loadWorld() {
  const { loadConfig } = dist('config/config.loader.js');
  const { WorkingCalendar } = dist('orders/working-calendar.js');
  const { deadlinesFor, dueAfterFirstCheck } = dist('orders/order-deadlines.js');
  const { planReminders, AUTO_LEVELS, LEVEL_VIA } = dist('orders/order-reminders.js');
  const { nextDeadline } = dist('orders/order.types.js');
  // the bench's servers run with the simulator off; its config is not read then
  const config = loadConfig({ env: { SIMULATOR: 'off' } });
  const calendar = new WorkingCalendar(config.calendar, config.city.timezone);
  const settings = { levels: config.orders.reminderLevels, minuteOfDay: config.orders.reminderMinute };
  return { config, calendar, settings, deadlinesFor, dueAfterFirstCheck, planReminders, AUTO_LEVELS, nextDeadline, LEVEL_VIA };
}

/**
 * Order i of `total`, created at an even pace over the year before `now` (i ascending is the
 * order they arrived in, as the table holds them).
 */
export function orderGenerator(world, { now, total, seed = 14 }) {
  const { config, calendar: cal, settings } = world;
  const districts = config.city.districts.map((d) => d.name);
  const units = [];
  for (const d of config.departments) {
    const own = (d.units ?? []).map((u) => u.district);
    const rest = districts.filter((x) => !own.includes(x));
    units.push({ id: d.id, name: d.name, family: d.id, categories: d.categories, districts: rest.length ? rest : districts });
    for (const u of d.units ?? []) units.push({ id: u.id, name: u.name, family: d.id, categories: d.categories, districts: [u.district] });
  }
  const weights = units.map((u) => UNIT_WEIGHTS[u.id] ?? 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const unitTable = units.map((u, k) => [u, weights[k] / sum]);
  const orderId = (i) => uuidOf(seeded(seed, i, 1));
  const incidentId = (i) => uuidOf(seeded(seed, i, 2));
  // each order has its own slot of the year
  const slot = Math.floor(YEAR / total);
  const start = now - YEAR;
  const latest = now - MIN;
  const clamp = (t) => Math.floor(Math.min(latest, t));
  const VIA = Object.fromEntries(Object.entries(world.LEVEL_VIA).map(([k, v]) => [k, v.join(',')]));

  // The reminder time on the first day each automatic level applies, per deadline (deadlines are
  // mostly ends of working days, so few distinct ones): the database takes the same table to
  // derive the reminders of the orders no longer open.
  const levelDays = new Map();
  const levelDay = (deadlineAt) => {
    let days = levelDays.get(deadlineAt);
    if (!days) {
      days = world.AUTO_LEVELS.map(
        (level) => cal.startOfDay(cal.levelStart(deadlineAt, settings.levels[level])) + settings.minuteOfDay * MIN,
      );
      levelDays.set(deadlineAt, days);
    }
    return days;
  };

  /** Order i (and, if it is open, its reminders) into out. */
  function make(i, out) {
    const r = seeded(seed, i, 4);
    const id = orderId(i);
    const unit = pick(r, unitTable);
    const c = r();
    let channel;
    if (unit.family === 'market') channel = c < 0.45 ? '12315' : c < 0.99 ? '12345' : c < 0.995 ? '110' : 'sentiment';
    else channel = c < 0.98 ? '12345' : c < 0.992 ? '110' : 'sentiment';
    const kind = pick(r, KINDS[channel]);
    const urgent = channel === '12345' && r() < 0.02;
    const createdAt = Math.min(latest, start + i * slot + Math.floor(r() * slot));
    // 12345 and 12315 count from the record's own time; an order duty opened counts from its opening
    const manual = channel === '110' || channel === 'sentiment';
    const district = unit.districts[Math.floor(r() * unit.districts.length)];
    const category = unit.categories[Math.floor(r() * unit.categories.length)] ?? null;
    const subject = category ? category.split('>').pop() : '其他';
    const title = `${district}${subject}问题反映（${(i % 9973) + 1}号）`;
    const orderKind = { channel, kind, urgent, hotlineDueAt: null };
    let { firstCheckBy, dueBy } = world.deadlinesFor({ ...orderKind, receivedAt: receivedOf(createdAt, manual) }, config.orders, cal);

    // what became of it, by whether its handling deadline has passed
    const live = dueBy > now;
    let status;
    if (live && createdAt > now - DAY)
      status = pick(r, [
        ['new', 0.6],
        ['signed', 0.35],
        ['returned', 0.01],
        ['replied', 0.04],
      ]);
    else if (live)
      status = pick(r, [
        ['new', 0.03],
        ['signed', 0.42],
        ['returned', 0.015],
        ['replied', 0.3],
        ['closed', 0.235],
      ]);
    else
      status = pick(r, [
        ['signed', 0.002],
        ['new', 0.0005],
        ['returned', 0.0005],
        ['replied', dueBy > now - 30 * DAY ? 0.05 : 0],
        ['closed', 1],
      ]);
    const signedAt = status === 'new' || status === 'returned' ? null : clamp(createdAt + 5 * MIN + r() * r() * 8 * HOUR);
    const returnedAt = status === 'returned' ? clamp(createdAt + r() * Math.min(2 * DAY, now - createdAt)) : null;
    let contactedAt = null;
    if (firstCheckBy !== null && signedAt !== null && r() < (status === 'signed' ? 0.55 : 0.4)) {
      const by = r() < 0.93 ? firstCheckBy : firstCheckBy + 2 * DAY;
      contactedAt = Math.max(signedAt, clamp(signedAt + (Math.min(by, latest) - signedAt) * r()));
      const after = world.dueAfterFirstCheck(orderKind, contactedAt, config.orders, cal);
      if (after !== null) dueBy = after;
    }
    let repliedAt = null;
    let closedAt = null;
    let result = null;
    if (status === 'replied' || status === 'closed') {
      const from = contactedAt ?? signedAt;
      // replies come late more often than early: the levels before the deadline have often fired
      const at = r() < 0.08 ? dueBy + r() * 3 * DAY : from + (dueBy - from) * (1 - r() ** 2);
      repliedAt = Math.max(from + MIN, clamp(at));
      if (repliedAt > latest) {
        status = 'signed';
        repliedAt = null;
      } else {
        result = pick(r, RESULTS);
        if (status === 'closed') closedAt = clamp(repliedAt + HOUR + r() * 4 * DAY);
        if (closedAt !== null && closedAt <= repliedAt) {
          status = 'replied';
          closedAt = null;
        }
      }
    }
    const open = status === 'new' || status === 'signed' || status === 'returned';
    if (firstCheckBy !== null) firstCheckBy = Math.min(firstCheckBy, dueBy);
    const fcDone = contactedAt ?? repliedAt;
    const firstCheckOverdue = firstCheckBy !== null && firstCheckBy < now && (fcDone === null || fcDone > firstCheckBy);
    const dueOverdue = dueBy < now && (repliedAt === null || repliedAt > dueBy);
    const signLate = firstCheckOverdue && (signedAt === null || signedAt > firstCheckBy);

    // the ledger (台账): many unresolved replies, a few others (unsatisfied follow-ups, repeats)
    let ledger = false;
    let ledgerAt = null;
    let ledgerReason = null;
    let ledgerOf = null;
    let ledgerClosedAt = null;
    let reopened = 0;
    if (repliedAt !== null && r() < (result === '未解决' ? 0.25 : 0.008)) {
      ledger = true;
      ledgerReason = result === '未解决' ? 'unresolved' : r() < 0.7 ? 'unsatisfied' : 'repeat';
      ledgerAt = closedAt ?? repliedAt;
      const shut = ledgerAt + Math.floor((5 + r() * 60) * DAY);
      ledgerClosedAt = shut <= latest ? shut : null;
      if (ledgerReason === 'repeat' && i > 0) ledgerOf = orderId(Math.max(0, i - 1 - Math.floor(r() * 5000)));
      if (r() < 0.1) reopened = 1;
    }
    let extension = null;
    let extensionPending = false;
    if (status === 'signed' && live && r() < 0.04) {
      extensionPending = true;
      extension = {
        workingDays: 5 + Math.floor(r() * 10),
        reason: '需协调多部门现场核查，申请延期办理',
        requestedAt: new Date(clamp(signedAt + r() * (latest - signedAt))).toISOString(),
        requestedBy: `dept-${unit.family}`,
        decision: 'pending',
        decidedAt: null,
        decidedBy: null,
        dueBefore: new Date(dueBy).toISOString(),
        dueAfter: null,
      };
    } else if (repliedAt !== null && r() < 0.015) {
      const approved = r() < 0.8;
      extension = {
        workingDays: 10,
        reason: '需协调多部门现场核查，申请延期办理',
        requestedAt: new Date(signedAt).toISOString(),
        requestedBy: `dept-${unit.family}`,
        decision: approved ? 'approved' : 'refused',
        decidedAt: new Date(signedAt + HOUR).toISOString(),
        decidedBy: 'duty',
        dueBefore: new Date(dueBy - (approved ? 14 * DAY : 0)).toISOString(),
        dueAfter: approved ? new Date(dueBy).toISOString() : null,
      };
    }

    // the steps the database writes for it (deriveSql): their count and the last one's time
    const full = open || ledger || createdAt >= now - FULL_HISTORY_MS;
    const followup = full && closedAt !== null && hasFollowup(createdAt);
    const times = full ? [createdAt, returnedAt, signedAt, contactedAt, repliedAt, closedAt, ledgerAt] : [createdAt, repliedAt, closedAt];
    if (firstCheckOverdue) times.push(firstCheckBy + 1);
    if (dueOverdue) times.push(dueBy + 1);
    const stamped = times.filter((t) => t !== null);
    const updatedAt = Math.max(...stamped);
    const steps = stamped.length + (followup ? 1 : 0);

    // the levels that fired while each deadline was owed (before it passed, before its step)
    const deadlines = [];
    if (full && firstCheckBy !== null && reopened === 0) deadlines.push(['firstCheck', firstCheckBy, fcDone ?? closedAt ?? Infinity]);
    deadlines.push(['due', dueBy, repliedAt ?? Infinity]);
    const fired = new Set();
    for (const [deadline, deadlineAt, until] of deadlines) {
      const end = Math.min(until, now, deadlineAt);
      const days = levelDay(deadlineAt);
      for (let k = 0; k < days.length; k++) {
        const fireAt = days[k] >= deadlineAt ? Math.min(days[k], createdAt) : days[k];
        if (fireAt > end) continue;
        out.reminderCount++;
        // an open order's go in from here (its next look depends on them), the others' are derived
        if (!open) continue;
        const level = world.AUTO_LEVELS[k];
        const onceKey = `${id}:${deadline}:${deadlineAt}:${level}`;
        fired.add(onceKey);
        out.reminders.push(randomUUID(), id, deadline, deadlineAt, level, Math.max(createdAt, fireAt), VIA[level], null, null, onceKey);
      }
    }

    const row = {
      id,
      incidentId: incidentId(i),
      channel,
      externalId: `ORD-${i}`,
      kind,
      title,
      district,
      category,
      departmentId: unit.id,
      status,
      urgent,
      createdAt,
      updatedAt,
      firstCheckBy,
      dueBy,
      signedAt,
      contactedAt,
      repliedAt,
      closedAt,
      returnedAt,
      result,
      firstCheckOverdue,
      dueOverdue,
      signLate,
      ledger,
      ledgerAt,
      ledgerReason,
      ledgerOf,
      ledgerClosedAt,
      reopened,
      extension,
      nextReminderAt: null,
      version: steps - 1,
    };
    // where the sweep leaves an open order: nothing due now (counted if not so), its next look
    if (open) {
      const plan = world.planReminders(row, fired, now, cal, settings);
      if (plan.fire.length || plan.overdue.length) out.counts.inconsistent++;
      row.nextReminderAt = plan.nextAt;
    }
    out.orders.push(
      id,
      row.incidentId,
      channel,
      row.externalId,
      kind,
      title,
      district,
      category,
      unit.id,
      status,
      urgent,
      open,
      createdAt,
      updatedAt,
      firstCheckBy,
      dueBy,
      world.nextDeadline(row),
      signedAt,
      contactedAt,
      repliedAt,
      closedAt,
      returnedAt,
      result,
      firstCheckOverdue,
      dueOverdue,
      signLate,
      ledger,
      ledgerAt,
      ledgerReason,
      ledgerOf,
      ledgerClosedAt,
      reopened,
      extension ? JSON.stringify(extension) : null,
      extensionPending,
      row.nextReminderAt,
      row.version,
    );
    const k = out.counts;
    k[status]++;
    if (open) k.open++;
    if (ledger) k.ledger++;
    if (extensionPending) k.extensionPending++;
    if (row.nextReminderAt !== null) k.nextReminder++;
    k.steps += steps;
  }

  /** Orders [from, to): their rows one after the other in one flat array (in ORDER_COLUMNS order), and the open ones' reminders. */
  function rows(from, to) {
    const out = {
      orders: [],
      reminders: [],
      reminderCount: 0,
      counts: { orders: to - from, new: 0, signed: 0, replied: 0, returned: 0, closed: 0, open: 0, ledger: 0 },
    };
    Object.assign(out.counts, { extensionPending: 0, nextReminder: 0, inconsistent: 0, steps: 0 });
    for (let i = from; i < to; i++) make(i, out);
    out.counts.autoReminders = out.reminderCount;
    return out;
  }

  /** [deadline_at, level, reminder time of the level's first day] for every deadline seen so far. */
  const levelRows = () => {
    const out = [];
    for (const [deadlineAt, days] of levelDays)
      days.forEach((t, k) => out.push([deadlineAt, world.AUTO_LEVELS[k], t, VIA[world.AUTO_LEVELS[k]]]));
    return out;
  };

  return {
    rows,
    /** statements that derived rows so far (the SQLite ids' first part) */
    statements: 0,
    orderId,
    incidentId,
    levelRows,
    /** the earliest time order i can have been created (order i-1 was created before it) */
    createdAt: (i) => start + i * slot,
    units,
    now,
    total,
  };
}

// ---------------------------------------------------------------- derived in the database

/**
 * The INSERT … SELECTs that derive incidents, steps and the closed orders' reminders from the
 * orders created in [from, to) (parameters :from :to :now, and :tag, a number that grows with each
 * statement; tables bench_units and bench_levels).
 *
 * On SQLite the keys the server cannot drop (primary keys, the reminders' once_key) are filled in
 * key order: the ids of reminders (which nothing looks up) are UUID-shaped but ascend (:tag, then
 * the row's rank by once_key), steps' ids begin with their time as the server's do, incidents go
 * in by id. Inserting millions of random keys into those B-trees was most of the load's time.
 * PostgreSQL builds its keys after the load and takes random UUIDs.
 */
function deriveSql(dialect) {
  const pgsql = dialect === 'postgres';
  const least = pgsql ? 'LEAST' : 'MIN';
  const greatest = pgsql ? 'GREATEST' : 'MAX';
  const uuid = pgsql
    ? 'gen_random_uuid()::text'
    : `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;
  const ascending = (seq) =>
    `printf('%08x-%04x-4%03x-a%03x-%012x', :tag, abs(random()) % 65536, abs(random()) % 4096, abs(random()) % 4096, ${seq})`;
  // a step's id as the server makes it (the time, a counter, a random tail): steps of one kind go
  // in by rowid, so nearly in time order, as the server writes them
  const stepId = (at) =>
    pgsql
      ? `lpad((${at})::text, 15, '0') || '-' || lpad((floor(random() * 1000000))::int::text, 6, '0') || '-' || substr(md5(random()::text), 1, 8)`
      : `printf('%015d-%06d-%s', ${at}, o.rowid % 1000000, lower(hex(randomblob(4))))`;
  const range = 'o.created_at >= :from AND o.created_at < :to';
  const full = '(o.open = TRUE OR o.ledger = TRUE OR o.created_at >= :recent)';
  const manual = `o.channel IN ('110', 'sentiment')`;
  const step = (at, actor, action, note, data, where) =>
    `INSERT INTO order_steps (id, order_id, at, actor, action, note, data)
     SELECT ${stepId(at)}, o.id, ${at}, ${actor}, '${action}', ${note}, ${data}
       FROM orders o JOIN bench_units u ON u.id = o.department_id WHERE ${range}${where ? ` AND ${where}` : ''}${pgsql ? '' : ' ORDER BY o.rowid'}`;
  const unitUser = `'dept-' || u.family`;
  const insertReminders = (select) =>
    `INSERT INTO order_reminders (id, order_id, deadline, deadline_at, level, at, via, actor, note, once_key)
     SELECT ${pgsql ? uuid : ascending('row_number() OVER (ORDER BY y.once_key)')}, y.order_id, y.deadline, y.deadline_at, y.level, y.at,
            y.via, y.actor, y.note, y.once_key
       FROM (${select}) y${pgsql ? '' : ' ORDER BY y.once_key'}`;
  const reminders = (deadline, column, until, where) =>
    insertReminders(`SELECT x.id AS order_id, '${deadline}' AS deadline, x.deadline_at, x.level, ${greatest}(x.created_at, x.fire_at) AS at,
            x.via, NULL AS actor, NULL AS note, x.id || ':${deadline}:' || x.deadline_at || ':' || x.level AS once_key
       FROM (SELECT o.id, o.created_at, l.deadline_at, l.level, l.via,
                    CASE WHEN l.day_at >= l.deadline_at THEN ${least}(l.day_at, o.created_at) ELSE l.day_at END AS fire_at,
                    ${least}(${until}, :now, l.deadline_at) AS until_at
               FROM orders o JOIN bench_levels l ON l.deadline_at = o.${column}
              WHERE ${range} AND o.open = FALSE${where ? ` AND ${where}` : ''}) x
      WHERE x.fire_at <= x.until_at`);
  return [
    [
      'incidents',
      `INSERT INTO incidents (id, channel, external_id, occurred_at, received_at, kind, title, content, address, district, category,
                              department, event_id, reporter_name, reporter_phone, facts, simulated, raw, overdue_at)
       SELECT o.incident_id, o.channel, o.external_id,
              CASE WHEN ${manual} THEN o.created_at ELSE o.created_at - o.created_at % 300000 END, o.created_at,
              o.kind, o.title, o.title || '：市民反映有关问题，请相关单位核实处理。', '青岛市' || o.district || '某路' || (o.created_at % 500) || '号',
              o.district, o.category, u.name, ${uuid}, '张先生', '1380000' || (o.created_at % 10000), '{}', FALSE,
              '{"id":"' || o.external_id || '","title":"' || o.title || '"}',
              -- the overdue-order rule has seen the orders that went past their handling deadline
              CASE WHEN o.due_overdue = TRUE THEN o.due_by + ${MIN} ELSE NULL END
         FROM orders o JOIN bench_units u ON u.id = o.department_id WHERE ${range}${pgsql ? '' : ' ORDER BY o.incident_id'}`,
    ],
    [
      'order_steps',
      step(
        'o.created_at',
        `CASE WHEN ${manual} THEN 'duty' ELSE NULL END`,
        'create',
        'NULL',
        `'{"departmentId":"' || o.department_id || '"}'`,
      ),
    ],
    [
      'order_steps',
      step(
        'o.returned_at',
        unitUser,
        'return',
        `'不属于本单位职责范围'`,
        `'{"departmentId":"' || o.department_id || '"}'`,
        `o.returned_at IS NOT NULL AND ${full}`,
      ),
    ],
    ['order_steps', step('o.signed_at', unitUser, 'sign', 'NULL', 'NULL', `o.signed_at IS NOT NULL AND ${full}`)],
    [
      'order_steps',
      step('o.contacted_at', unitUser, 'contact', `'已电话联系市民，约定现场核查'`, 'NULL', `o.contacted_at IS NOT NULL AND ${full}`),
    ],
    ['order_steps', step('o.first_check_by + 1', 'NULL', 'overdue', 'NULL', `'{"deadline":"firstCheck"}'`, 'o.first_check_overdue = TRUE')],
    [
      'order_steps',
      step(
        'o.replied_at',
        unitUser,
        'reply',
        `'经现场核查，已责令商户整改并向市民反馈'`,
        `'{"result":"' || o.result || '"}'`,
        'o.replied_at IS NOT NULL',
      ),
    ],
    ['order_steps', step('o.due_by + 1', 'NULL', 'overdue', 'NULL', `'{"deadline":"due"}'`, 'o.due_overdue = TRUE')],
    [
      'order_steps',
      step(
        `o.closed_at - ${MIN}`,
        `'duty'`,
        'followup',
        'NULL',
        `CASE WHEN o.ledger_reason = 'unsatisfied' THEN '{"satisfaction":"不满意","resolved":false,"reopened":true}'
              ELSE '{"satisfaction":"满意","resolved":' || CASE WHEN o.result = '已解决' THEN 'true' ELSE 'false' END || ',"reopened":false}' END`,
        `o.closed_at IS NOT NULL AND o.created_at % 97 < 15 AND ${full}`,
      ),
    ],
    ['order_steps', step('o.closed_at', `'duty'`, 'close', 'NULL', 'NULL', 'o.closed_at IS NOT NULL')],
    [
      'order_steps',
      step(
        'o.ledger_at',
        'NULL',
        'ledger',
        'NULL',
        `'{"reason":"' || o.ledger_reason || '","entry":' || COALESCE('"' || o.ledger_of || '"', 'null') || '}'`,
        'o.ledger = TRUE',
      ),
    ],
    [
      'order_reminders',
      reminders('firstCheck', 'first_check_by', `COALESCE(o.contacted_at, o.replied_at, o.closed_at, :now)`, `o.reopened = 0 AND ${full}`),
    ],
    ['order_reminders', reminders('due', 'due_by', `COALESCE(o.replied_at, :now)`)],
    // a duty officer's own 催办 on one order in fifty
    [
      'order_reminders',
      insertReminders(`SELECT o.id AS order_id, 'due' AS deadline, o.due_by AS deadline_at, 'manual' AS level,
              o.created_at + (COALESCE(o.replied_at, :now) - o.created_at) / 2 AS at, 'inbox,socket' AS via, 'duty' AS actor,
              '请尽快联系市民并答复' AS note, 'manual:' || ${uuid} AS once_key
         FROM orders o WHERE ${range} AND o.created_at % 50 = 7`),
    ],
  ];
}

/** :name parameters → ? (SQLite, in order) or $n (PostgreSQL). */
function bind(sql, values, dialect) {
  const params = [];
  const text = sql.replace(/:(from|to|now|tag|recent)\b/g, (_, name) => {
    params.push(values[name]);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  });
  return { text, params };
}

// ---------------------------------------------------------------- SQLite

// One row per INSERT statement, prepared once, all in one transaction: with better-sqlite3 this
// costs less CPU than multi-row VALUES lists (measured: 20 to 400 rows per statement, 25–60 % more).
const SQLITE_ROWS = 1;

/** The secondary indexes of the filled tables, dropped for the load: their CREATE statements. */
export function sqliteDropIndexes(db) {
  const list = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${FILLED_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...FILLED_TABLES);
  for (const i of list) db.exec(`DROP INDEX "${i.name}"`);
  return list.map((i) => i.sql);
}

export function sqliteCreateIndexes(db, statements) {
  for (const sql of statements) db.exec(sql);
}

/**
 * Orders [from, to) and all that follows from them into the SQLite file the server made (the
 * server stopped), secondary indexes dropped for the load and built again. Settings for the load
 * only (no journal, no sync); the server opens the file with its own (WAL, synchronous=FULL).
 * Returns { counts, ms: { orders, derived, indexes } }.
 */
export function fillSqlite(Database, file, gen, from, to, { chunk = 5000 } = {}) {
  const db = new Database(file);
  const counts = {};
  const ms = {};
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -4000000');
    db.pragma('temp_store = MEMORY');
    // sorting for CREATE INDEX on a second core, where SQLite was built to allow it
    db.pragma('threads = 2');
    const indexes = sqliteDropIndexes(db);
    const stmts = new Map();
    const insert = (table, cols, n) => {
      const key = `${table}:${n}`;
      let s = stmts.get(key);
      if (!s) {
        const one = `(${cols.map(() => '?').join(', ')})`;
        s = db.prepare(`INSERT INTO ${table} (${cols.map(([c]) => c).join(', ')}) VALUES ${Array(n).fill(one).join(', ')}`);
        stmts.set(key, s);
      }
      return s;
    };
    const write = (table, cols, flat) => {
      const width = cols.length;
      for (let k = 0; k < flat.length; k += SQLITE_ROWS * width) {
        const params = flat.slice(k, k + SQLITE_ROWS * width);
        for (let j = 0; j < params.length; j++) if (typeof params[j] === 'boolean') params[j] = params[j] ? 1 : 0;
        insert(table, cols, params.length / width).run(params);
      }
    };
    let t = performance.now();
    db.exec('BEGIN');
    for (let a = from; a < to; a += chunk) {
      const b = Math.min(to, a + chunk);
      const out = gen.rows(a, b);
      write('orders', ORDER_COLUMNS, out.orders);
      write('order_reminders', REMINDER_COLUMNS, out.reminders);
      addCounts(counts, out.counts);
    }
    db.exec('COMMIT');
    ms.orders = performance.now() - t;
    t = performance.now();
    sqliteHelperTables(db, gen);
    const values = {
      from: gen.createdAt(from),
      to: to >= gen.total ? Number.MAX_SAFE_INTEGER : gen.createdAt(to),
      now: gen.now,
      recent: gen.now - FULL_HISTORY_MS,
    };
    for (const [table, sql] of deriveSql('sqlite')) {
      values.tag = ++gen.statements;
      const { text, params } = bind(sql, values, 'sqlite');
      db.exec('BEGIN');
      const n = db.prepare(text).run(...params).changes;
      db.exec('COMMIT');
      counts[`${table}Rows`] = (counts[`${table}Rows`] ?? 0) + n;
    }
    ms.derived = performance.now() - t;
    t = performance.now();
    sqliteCreateIndexes(db, indexes);
    ms.indexes = performance.now() - t;
    db.pragma('journal_mode = WAL');
    return { counts, ms };
  } finally {
    db.close();
  }
}

function sqliteHelperTables(db, gen) {
  db.exec('DROP TABLE IF EXISTS temp.bench_units; DROP TABLE IF EXISTS temp.bench_levels');
  db.exec('CREATE TEMP TABLE bench_units (id TEXT PRIMARY KEY, name TEXT, family TEXT)');
  db.exec('CREATE TEMP TABLE bench_levels (deadline_at INTEGER, level TEXT, day_at INTEGER, via TEXT)');
  const u = db.prepare('INSERT INTO bench_units VALUES (?, ?, ?)');
  for (const x of gen.units) u.run(x.id, x.name, x.family);
  const l = db.prepare('INSERT INTO bench_levels VALUES (?, ?, ?, ?)');
  for (const row of gen.levelRows()) l.run(...row);
  db.exec('CREATE INDEX temp.bench_levels_at ON bench_levels (deadline_at)');
}

// ---------------------------------------------------------------- PostgreSQL

/** Keys and indexes of the filled tables, dropped for the load: the statements that make them again. */
export async function pgDropIndexes(c) {
  const keys = (
    await c.query(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1)`,
      [FILLED_TABLES],
    )
  ).rows;
  const indexes = (
    await c.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [FILLED_TABLES],
    )
  ).rows;
  for (const i of indexes) await c.query(`DROP INDEX "${i.indexname}"`);
  for (const k of keys) await c.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.conname}"`);
  return [...keys.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.conname}" ${k.def}`), ...indexes.map((i) => i.indexdef)];
}

/**
 * The same on PostgreSQL: orders by unnest() INSERTs (the next chunk made while one is written),
 * then the derived rows, then keys and indexes built again (two at a time), then VACUUM ANALYZE.
 */
export async function fillPostgres(pg, url, gen, from, to, { chunk = 5000 } = {}) {
  const clients = [];
  const counts = {};
  const ms = {};
  try {
    for (let k = 0; k < 2; k++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // a bulk load: a crash would lose the last commits, not corrupt anything
      await c.query(`SET synchronous_commit TO off; SET maintenance_work_mem TO '256MB'`);
      clients.push(c);
    }
    const [c0, c1] = clients;
    const statements = await pgDropIndexes(c0);
    let t = performance.now();
    const sql = (table, cols) =>
      `INSERT INTO ${table} (${cols.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${cols.map(([, ty], k) => `$${k + 1}::${ty}[]`).join(', ')})`;
    const columnsOf = (cols, flat) => {
      const width = cols.length;
      const n = flat.length / width;
      return cols.map((_, k) => {
        const col = new Array(n);
        for (let j = 0; j < n; j++) col[j] = flat[j * width + k];
        return col;
      });
    };
    const inFlight = [Promise.resolve(), Promise.resolve()];
    let turn = 0;
    for (let a = from; a < to; a += chunk) {
      const b = Math.min(to, a + chunk);
      const out = gen.rows(a, b);
      addCounts(counts, out.counts);
      const conn = turn++ % 2;
      await inFlight[conn];
      inFlight[conn] = (async () => {
        await clients[conn].query({ text: sql('orders', ORDER_COLUMNS), values: columnsOf(ORDER_COLUMNS, out.orders) });
        if (out.reminders.length)
          await clients[conn].query({ text: sql('order_reminders', REMINDER_COLUMNS), values: columnsOf(REMINDER_COLUMNS, out.reminders) });
      })();
    }
    await Promise.all(inFlight);
    ms.orders = performance.now() - t;
    t = performance.now();
    await c0.query('DROP TABLE IF EXISTS bench_units; DROP TABLE IF EXISTS bench_levels');
    await c0.query('CREATE TEMP TABLE bench_units (id text PRIMARY KEY, name text, family text)');
    await c0.query('CREATE TEMP TABLE bench_levels (deadline_at bigint, level text, day_at bigint, via text)');
    const units = gen.units;
    await c0.query('INSERT INTO bench_units SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
      units.map((u) => u.id),
      units.map((u) => u.name),
      units.map((u) => u.family),
    ]);
    const lv = gen.levelRows();
    await c0.query(
      'INSERT INTO bench_levels SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[])',
      [0, 1, 2, 3].map((k) => lv.map((x) => x[k])),
    );
    await c0.query('ANALYZE bench_units; ANALYZE bench_levels; ANALYZE orders');
    const values = {
      from: gen.createdAt(from),
      to: to >= gen.total ? Number.MAX_SAFE_INTEGER : gen.createdAt(to),
      now: gen.now,
      recent: gen.now - FULL_HISTORY_MS,
    };
    // temp tables live on the connection that made them: every derived statement on c0
    for (const [table, text0] of deriveSql('postgres')) {
      const { text, params } = bind(text0, values, 'postgres');
      const n = (await c0.query(text, params)).rowCount;
      counts[`${table}Rows`] = (counts[`${table}Rows`] ?? 0) + n;
    }
    ms.derived = performance.now() - t;
    t = performance.now();
    let next = 0;
    await Promise.all(
      clients.map(async (c) => {
        while (next < statements.length) await c.query(statements[next++]);
      }),
    );
    ms.indexes = performance.now() - t;
    // autovacuum would have analyzed and vacuumed a table that grew like this (it is off on some
    // test servers): the planner needs the statistics, index-only counts the visibility map
    t = performance.now();
    await c0.query(`VACUUM (ANALYZE) ${FILLED_TABLES.join(', ')}`);
    ms.vacuum = performance.now() - t;
    return { counts, ms };
  } finally {
    for (const c of clients) await c.end().catch(() => {});
  }
}

export function addCounts(into, c) {
  for (const [k, v] of Object.entries(c)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/**
 * The orders' rollups (docs/rates.md) filled from the orders stored, as the migration fills them
 * on an existing database: the latest follow-ups from the steps, then the per-day counts.
 */
export async function fillRollups(dialect, target) {
  const { backfillFollowups, fillOrderRollups } = dist('infra/database/migrations/1764800000000-rollups.js');
  if (dialect === 'postgres') {
    const c = new (serverRequire('pg').Client)({ connectionString: target });
    await c.connect();
    try {
      const q = (sql) => c.query(sql);
      await backfillFollowups(q, true);
      await fillOrderRollups(q, true);
    } finally {
      await c.end();
    }
    return;
  }
  const db = new (serverRequire('better-sqlite3'))(target);
  try {
    const q = async (sql) => db.exec(sql);
    await backfillFollowups(q, false);
    await fillOrderRollups(q, false);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- as a child of the bench

// `{ dialect, target, from, to, now, total, tagBase }` in (target: the SQLite file or the
// PostgreSQL URL), `{ ok, result: { counts, ms } }` out. The bench runs the fill in its own process
// with a larger young generation (the rows are short-lived; node's default collects them slowly).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]) && process.send) {
  process.once('message', async (m) => {
    try {
      const gen = orderGenerator(loadWorld(), { now: m.now, total: m.total });
      gen.statements = m.tagBase;
      const result =
        m.dialect === 'postgres'
          ? await fillPostgres(serverRequire('pg'), m.target, gen, m.from, m.to)
          : fillSqlite(serverRequire('better-sqlite3'), m.target, gen, m.from, m.to);
      if (m.rollups !== false) await fillRollups(m.dialect, m.target);
      process.send({ ok: true, result }, () => process.exit(0));
    } catch (err) {
      process.send({ ok: false, error: String(err?.stack ?? err) }, () => process.exit(1));
    }
  });
}
