// Months of work orders with known outcomes, for the reports' journey: generated from a fixed seed
// (mulberry32), then driven through the real API on the controllable clock, every step at its
// planned time in one pass forward (a discrete-event queue: an order's later steps are planned
// from the deadlines its intake answer gives). What each order did is kept, so a test computes the
// figures it expects on its own.
import type { Order, ReplyResult, Satisfaction } from '@jointduty/shared';
import { setClock } from './clock';
import { login, postFeed, request, type TestServer } from './harness';

/** A small seeded PRNG: the same seed gives the same numbers on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Outcome = 'onTime' | 'late' | 'never';

/** A unit orders go to, how to route a record there, and how well it does (probabilities per month). */
export interface UnitPlan {
  departmentId: string;
  user: 'dept-market' | 'dept-city';
  district: string;
  category: string;
  address: string;
  content: string;
  /** month key → chance of a sign in time, a reply in time, a satisfied follow-up */
  quality(month: string): { sign: number; reply: number; satisfied: number };
}

export interface PlannedOrder {
  index: number;
  unit: UnitPlan;
  appealType: '投诉' | '咨询';
  /** 受理时间, epoch ms */
  acceptedAt: number;
  sign: Exclude<Outcome, 'never'> | 'never';
  /** the first check (联系): in time only when signed in time */
  check: Exclude<Outcome, 'never'> | 'never';
  reply: Outcome;
  result: ReplyResult;
  followup: { satisfaction: Satisfaction; resolved: boolean } | null;
  /** a satisfied, resolved follow-up is closed off (销号) */
  close: boolean;
  // fractions drawn up front, turned into times once the deadlines are known
  draws: number[];
}

/** What happened to an order, as driven. */
export interface DrivenOrder extends PlannedOrder {
  id: string;
  departmentId: string;
  createdAt: number;
  firstCheckBy: number;
  /** the handling deadline as it finally stands (a reopening follow-up sets a new one) */
  dueBy: number;
  signedAt: number | null;
  contactedAt: number | null;
  /** the last reply */
  repliedAt: number | null;
  closedAt: number | null;
}

const CITY = '+08:00';
const HOUR = 3_600_000;
const MINUTE = 60_000;

const SHOPS = ['海鲜大排档', '水果店', '超市', '烧烤店', '便利店', '餐馆', '理发店', '药店'];
const STREETS = ['中山路', '台东一路', '香港中路', '长江中路', '登州路', '辽阳西路', '南京路', '延吉路'];

export const UNITS: UnitPlan[] = [
  {
    departmentId: 'market',
    user: 'dept-market',
    district: '市北区',
    category: '市场监管>价格监管',
    address: '青岛市市北区登州路56号',
    content: '商户缺斤短两，明码标价不实，要求市场监管部门处理。',
    quality: () => ({ sign: 0.95, reply: 0.9, satisfied: 0.85 }),
  },
  {
    departmentId: 'market-shinan',
    user: 'dept-market',
    district: '市南区',
    category: '市场监管>价格监管',
    address: '青岛市市南区中山路100号',
    content: '商户价格欺诈，宰客，要求市场监管部门处理。',
    // slow to hand in replies every month: on the 约谈 list for on-time completion
    quality: () => ({ sign: 0.8, reply: 0.35, satisfied: 0.8 }),
  },
  {
    departmentId: 'market-huangdao',
    user: 'dept-market',
    district: '黄岛区',
    category: '市场监管>食品安全',
    address: '青岛市黄岛区长江中路200号',
    content: '饭店后厨卫生差，食品过期变质，要求市场监管部门处理。',
    quality: () => ({ sign: 0.9, reply: 0.85, satisfied: 0.9 }),
  },
  {
    departmentId: 'city-management',
    user: 'dept-city',
    district: '市北区',
    category: '城市管理>占道经营',
    address: '青岛市市北区辽阳西路18号',
    content: '路口流动摊贩占道经营，影响通行，请城管部门处理。',
    // in time, but the citizens stay unsatisfied: on the 约谈 list for satisfaction
    quality: () => ({ sign: 0.95, reply: 0.9, satisfied: 0.3 }),
  },
  {
    departmentId: 'city-management-shinan',
    user: 'dept-city',
    district: '市南区',
    category: '城市管理>环境卫生',
    address: '青岛市市南区香港中路50号',
    content: '小区门口垃圾桶满溢无人清运，请城管部门处理。',
    // late two months, then better: not three months running
    quality: (m) => (m === '2026-11' ? { sign: 0.95, reply: 0.95, satisfied: 0.9 } : { sign: 0.7, reply: 0.4, satisfied: 0.7 }),
  },
  {
    departmentId: 'city-management-huangdao',
    user: 'dept-city',
    district: '黄岛区',
    category: '城市管理>违法建设',
    address: '青岛市黄岛区长江中路300号',
    content: '楼顶私搭乱建违章建筑，请城管部门处理。',
    quality: () => ({ sign: 0.9, reply: 0.8, satisfied: 0.75 }),
  },
];

const RESULTS: ReplyResult[] = ['已解决', '已解决', '已解决', '部分解决', '未解决', '不属实'];

/** Orders received in `months` ('2026-09' …), `perUnit` a month each, with their outcomes. */
export function planOrders(seed: number, months: string[], perUnit: number): PlannedOrder[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: PlannedOrder[] = [];
  for (const month of months) {
    const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    for (const unit of UNITS) {
      const q = unit.quality(month);
      for (let i = 0; i < perUnit; i++) {
        const day = String(1 + Math.floor(rnd() * days)).padStart(2, '0');
        // 08:00–17:59 city time: the receipt day is never in doubt
        const minute = 8 * 60 + Math.floor(rnd() * 600);
        const acceptedAt = Date.parse(
          `${month}-${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00${CITY}`,
        );
        const sign = rnd() < 0.05 ? 'never' : rnd() < q.sign ? 'onTime' : 'late';
        const check = sign === 'never' ? 'never' : sign === 'late' ? 'late' : rnd() < 0.9 ? 'onTime' : 'late';
        const reply: Outcome = sign === 'never' ? 'never' : rnd() < 0.06 ? 'never' : rnd() < q.reply ? 'onTime' : 'late';
        const result = pick(RESULTS);
        let followup: PlannedOrder['followup'] = null;
        if (reply !== 'never' && rnd() < 0.85) {
          const happy = rnd() < q.satisfied;
          followup = happy
            ? { satisfaction: rnd() < 0.7 ? '满意' : '基本满意', resolved: rnd() < 0.9 }
            : { satisfaction: '不满意', resolved: rnd() < 0.3 };
        }
        const close = followup !== null && followup.satisfaction !== '不满意' && followup.resolved && rnd() < 0.7;
        const draws = Array.from({ length: 8 }, () => rnd());
        out.push({
          index: out.length,
          unit,
          appealType: rnd() < 0.3 ? '咨询' : '投诉',
          acceptedAt,
          sign,
          check,
          reply,
          result,
          followup,
          close,
          draws,
        });
      }
    }
  }
  return out;
}

type Step = 'sign' | 'contact' | 'reply' | 'followup' | 'reply2' | 'close';
interface Event {
  at: number;
  seq: number;
  order: number;
  step: 'post' | Step;
}

/**
 * Drives the planned orders through the API in time order: the 12345 record at its 受理时间, then
 * 签收, 联系, 答复 by the unit's department user and 回访 (and a second reply after an unsatisfied
 * one, and 销号) by duty, each at its planned time. Returns what happened to each order.
 */
export async function driveOrders(server: TestServer, plans: PlannedOrder[]): Promise<DrivenOrder[]> {
  const tokens: Record<string, string> = {};
  let loggedInAt = -Infinity;
  const queue: Event[] = [];
  let seq = 0;
  const push = (e: Omit<Event, 'seq'>) => queue.push({ ...e, seq: seq++ });
  for (const p of plans) push({ at: p.acceptedAt, order: p.index, step: 'post' });
  const driven: Array<DrivenOrder | undefined> = [];

  const act = async (who: string, id: string, action: string, body: Record<string, unknown>): Promise<Order> => {
    for (let attempt = 0; ; attempt++) {
      const r = await request<Order & { code?: string; error?: string }>(server, 'POST', `/api/orders/${id}/${action}`, {
        token: tokens[who],
        body,
      });
      if (r.status === 200) return r.body;
      // the reminder sweep wrote the order at the same moment: take the step again
      if (r.status === 409 && r.body.code === 'order.changed_meanwhile' && attempt < 5) continue;
      throw new Error(`${action} ${id} as ${who}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  };

  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const e = queue.shift()!;
    setClock(e.at);
    // tokens last 7 days: sign in again every 5 days of the clock
    if (e.at - loggedInAt > 5 * 24 * HOUR) {
      for (const u of ['duty', 'dept-market', 'dept-city']) tokens[u] = await login(server, u);
      loggedInAt = e.at;
    }
    const p = plans[e.order]!;
    const d = p.draws;
    if (e.step === 'post') {
      const shop = SHOPS[p.index % SHOPS.length]!;
      const street = STREETS[(p.index >> 3) % STREETS.length]!;
      const orderNo = `GD-MONTH-${p.index}`;
      const rec = {
        orderNo,
        acceptedAt: new Date(p.acceptedAt).toISOString(),
        appealType: p.appealType,
        category: p.unit.category,
        district: p.unit.district,
        content: `${street}${shop}（第${p.index}号）：${p.unit.content}`,
        address: p.unit.address,
        citizen: { name: `市民${p.index}`, phone: `139${String(10_000_000 + p.index).slice(-8)}` },
      };
      const posted = await postFeed(server, '12345', rec);
      if (posted.status !== 202) throw new Error(`post ${orderNo}: ${posted.status} ${JSON.stringify(posted.body)}`);
      const list = await request<Order[]>(server, 'GET', `/api/orders?q=${orderNo}`, { token: tokens.duty });
      const o = list.body.find((x) => x.externalId === orderNo);
      if (!o) throw new Error(`no order for ${orderNo}`);
      const firstCheckBy = Date.parse(o.firstCheckBy!);
      const dueBy = Date.parse(o.dueBy);
      driven[p.index] = {
        ...p,
        id: o.id,
        departmentId: o.departmentId,
        createdAt: Date.parse(o.createdAt),
        firstCheckBy,
        dueBy,
        signedAt: null,
        contactedAt: null,
        repliedAt: null,
        closedAt: null,
      };
      if (p.sign === 'never') continue;
      const signAt = p.sign === 'onTime' ? p.acceptedAt + (5 + d[0]! * 115) * MINUTE : firstCheckBy + (10 + d[0]! * 290) * MINUTE;
      push({ at: signAt, order: p.index, step: 'sign' });
      continue;
    }
    const o = driven[p.index]!;
    const who = e.step === 'followup' || e.step === 'close' ? 'duty' : p.unit.user;
    switch (e.step) {
      case 'sign': {
        await act(who, o.id, 'sign', {});
        o.signedAt = e.at;
        // a first check in time comes soon after the sign; a late one after its deadline
        const from = p.check === 'onTime' ? e.at : Math.max(e.at, o.firstCheckBy);
        push({ at: from + (10 + d[1]! * 110) * MINUTE, order: p.index, step: 'contact' });
        break;
      }
      case 'contact': {
        await act(who, o.id, 'contact', { note: '已电话联系诉求人' });
        o.contactedAt = e.at;
        if (p.reply === 'never') break;
        const room = Math.min(3 * 24 * HOUR, o.dueBy - e.at - 2 * HOUR);
        const at = p.reply === 'onTime' ? e.at + HOUR + d[2]! * Math.max(0, room - HOUR) : o.dueBy + (1 + d[2]! * 47) * HOUR;
        push({ at, order: p.index, step: 'reply' });
        break;
      }
      case 'reply':
      case 'reply2': {
        const a = await act(who, o.id, 'reply', { result: p.result, note: '已核实处理并答复诉求人' });
        o.repliedAt = e.at;
        o.dueBy = Date.parse(a.dueBy);
        if (e.step === 'reply' && p.followup) push({ at: e.at + (2 + d[3]! * 46) * HOUR, order: p.index, step: 'followup' });
        break;
      }
      case 'followup': {
        const f = p.followup!;
        const a = await act(who, o.id, 'followup', { satisfaction: f.satisfaction, resolved: f.resolved, note: '电话回访' });
        o.dueBy = Date.parse(a.dueBy);
        if (a.status === 'signed') push({ at: e.at + (10 + d[4]! * 50) * MINUTE, order: p.index, step: 'reply2' });
        else if (p.close) push({ at: e.at + 5 * MINUTE, order: p.index, step: 'close' });
        break;
      }
      case 'close': {
        await act(who, o.id, 'close', { note: '销号' });
        o.closedAt = e.at;
        break;
      }
    }
  }
  return driven.map((x) => x!);
}
