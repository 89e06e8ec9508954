import type { Channel, DispatchStep, InfoReportFacts, InfoReportStep } from '@jointduty/shared';
import { cityParts } from '../common/city-clock';

// The server's drafts of 首报 续报 终报, written in Chinese from what the event holds: pure
// functions of the facts, so the same facts always give the same words.

/** An incident as a draft counts it. */
export interface DraftIncident {
  channel: Channel;
  receivedAt: number;
  casualties: number | null;
  amount: number | null;
}

export interface DraftDispatch {
  teamName: string;
  status: string;
  createdAt: number;
  steps: Array<{ step: DispatchStep; at: number }>;
}

export interface DraftInstruction {
  actorName: string;
  text: string;
  createdAt: number;
}

/** Everything a draft is written from (times epoch ms). */
export interface DraftSource {
  title: string;
  summary: string;
  /** when it began: the event's first record */
  firstAt: number;
  district: string | null;
  place: string | null;
  incidents: DraftIncident[];
  dispatches: DraftDispatch[];
  instructions: DraftInstruction[];
  resolvedAt: number | null;
  resolutionNote: string | null;
}

const CHANNEL_NAME: Record<Channel, string> = { '12345': '12345热线', '12315': '12315投诉举报', '110': '110报警', sentiment: '网络舆情' };
const STEP_NAME: Record<DispatchStep, string> = { ack: '签收', contacted: '联系', onsite: '到场', resolve: '办结' };
const STATUS_NAME: Record<string, string> = {
  dispatched: '已派单',
  acknowledged: '已签收',
  contacted: '已联系',
  onsite: '已到场',
  resolved: '已办结',
};
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 续报一 … 续报十, then digits. */
export function updateName(n: number): string {
  return `续报${n <= 10 ? NUMERALS[n] : n}`;
}

/** A time as people in the city write it: 12月5日17时30分. */
export function cityTime(ms: number, timeZone: string): string {
  const c = cityParts(ms, timeZone);
  return `${c.month}月${c.day}日${c.hour}时${String(c.minute).padStart(2, '0')}分`;
}

function channelCounts(incidents: readonly DraftIncident[]): Array<{ channel: Channel; count: number }> {
  const by = new Map<Channel, number>();
  for (const i of incidents) by.set(i.channel, (by.get(i.channel) ?? 0) + 1);
  return [...by].map(([channel, count]) => ({ channel, count })).sort((a, b) => b.count - a.count || (a.channel < b.channel ? -1 : 1));
}

// 110报警2起、12345热线1起, in brackets; nothing when there is nothing to count
function channelWords(counts: ReadonlyArray<{ channel: Channel; count: number }>): string {
  return counts.length === 0 ? '' : `（${counts.map((c) => `${CHANNEL_NAME[c.channel]}${c.count}起`).join('、')}）`;
}

// the largest count any record gives: records about one event repeat the same people
function casualtiesOf(incidents: readonly DraftIncident[]): string | null {
  const counts = incidents.map((i) => i.casualties).filter((c): c is number => c !== null && c > 0);
  return counts.length === 0 ? null : `据报至少${Math.max(...counts)}人伤亡`;
}

// each complaint's own loss: they add up
function amountsOf(incidents: readonly DraftIncident[]): string | null {
  const amounts = incidents.map((i) => i.amount).filter((a): a is number => a !== null && a > 0);
  if (amounts.length === 0) return null;
  const sum = amounts.reduce((s, a) => s + a, 0);
  return `涉及金额合计${sum.toLocaleString('zh-CN')}元（${amounts.length}起记录）`;
}

/** The facts beside the draft (InfoReportFacts), times ISO. */
export function factsOf(s: DraftSource, timeZone: string): InfoReportFacts {
  return {
    what: s.summary && s.summary !== s.title ? `${s.title}：${s.summary}` : s.title,
    when: cityTime(s.firstAt, timeZone),
    where: [s.district, s.place].filter(Boolean).join(' ') || null,
    channels: channelCounts(s.incidents),
    casualties: casualtiesOf(s.incidents),
    amounts: amountsOf(s.incidents),
    dispatches: s.dispatches.map((d) => ({
      teamName: d.teamName,
      status: d.status,
      createdAt: new Date(d.createdAt).toISOString(),
      steps: d.steps.map((x) => ({ step: x.step, at: new Date(x.at).toISOString() })),
    })),
    instructions: s.instructions.map((i) => ({ actorName: i.actorName, text: i.text, createdAt: new Date(i.createdAt).toISOString() })),
  };
}

function dispatchWords(dispatches: readonly DraftDispatch[], timeZone: string, since = -Infinity): string[] {
  const out: string[] = [];
  for (const d of dispatches) {
    const parts: string[] = [];
    if (d.createdAt > since) parts.push(`${cityTime(d.createdAt, timeZone)}派单`);
    for (const x of d.steps) if (x.at > since) parts.push(`${cityTime(x.at, timeZone)}${STEP_NAME[x.step]}`);
    if (parts.length > 0) out.push(`${d.teamName}${parts.join('，')}（${STATUS_NAME[d.status] ?? d.status}）`);
  }
  return out;
}

function instructionWords(list: readonly DraftInstruction[], timeZone: string, since = -Infinity): string[] {
  return list.filter((i) => i.createdAt > since).map((i) => `${i.actorName}${cityTime(i.createdAt, timeZone)}批示：“${i.text}”`);
}

function sentence(s: string): string {
  const t = s.trim();
  return t === '' || /[。！？；]$/.test(t) ? t : `${t}。`;
}

/**
 * The draft of `step` (number: the update's). `since` is the last submission, for an update:
 * what changed after it. `now` dates the figures (截至…).
 */
export function draftText(
  step: InfoReportStep,
  number: number,
  s: DraftSource,
  timeZone: string,
  now: number,
  since: number | null,
): string {
  const f = factsOf(s, timeZone);
  const where = f.where ? `在${f.where}` : '';
  const total = s.incidents.length;
  const lines: string[] = [];
  if (step === 'initial') {
    lines.push(`【首报】${s.title}`);
    lines.push(sentence(`${f.when}，${where}发生${s.title}。${s.summary !== s.title ? s.summary : ''}`));
    lines.push(sentence(`截至${cityTime(now, timeZone)}，共接报${total}起${channelWords(f.channels)}`));
    if (f.casualties) lines.push(sentence(f.casualties));
    if (f.amounts) lines.push(sentence(f.amounts));
    const ds = dispatchWords(s.dispatches, timeZone);
    lines.push(ds.length > 0 ? sentence(`已调派：${ds.join('；')}`) : '处置力量正在调派。');
    for (const i of instructionWords(s.instructions, timeZone)) lines.push(sentence(i));
    lines.push('后续情况将及时续报。');
    return lines.join('\n');
  }
  if (step === 'update') {
    const from = since ?? -Infinity;
    const fresh = s.incidents.filter((i) => i.receivedAt > from);
    lines.push(`【${updateName(number)}】${s.title}`);
    if (since !== null) lines.push(`自${cityTime(since, timeZone)}上次报送以来：`);
    lines.push(
      sentence(
        fresh.length > 0 ? `新增接报${fresh.length}起${channelWords(channelCounts(fresh))}，累计${total}起` : `未新增接报，累计${total}起`,
      ),
    );
    if (f.casualties) lines.push(sentence(f.casualties));
    if (f.amounts) lines.push(sentence(f.amounts));
    const ds = dispatchWords(s.dispatches, timeZone, from);
    lines.push(ds.length > 0 ? sentence(`处置进展：${ds.join('；')}`) : '处置工作持续进行，暂无新的进展。');
    for (const i of instructionWords(s.instructions, timeZone, from)) lines.push(sentence(i));
    lines.push('事件仍在处置中，后续情况将继续报送。');
    return lines.join('\n');
  }
  lines.push(`【终报】${s.title}`);
  const resolved = s.resolvedAt === null ? '' : `${cityTime(s.resolvedAt, timeZone)}`;
  lines.push(sentence(`${f.when}${where}发生的${s.title}，已于${resolved}处置完毕`));
  if (s.resolutionNote) lines.push(sentence(`处置结果：${s.resolutionNote}`));
  lines.push(sentence(`共接报${total}起${channelWords(f.channels)}`));
  if (f.casualties) lines.push(sentence(f.casualties));
  if (f.amounts) lines.push(sentence(f.amounts));
  const ds = dispatchWords(s.dispatches, timeZone);
  if (ds.length > 0) lines.push(sentence(`处置过程：${ds.join('；')}`));
  for (const i of instructionWords(s.instructions, timeZone)) lines.push(sentence(i));
  lines.push('此为终报。');
  return lines.join('\n');
}
