import type { InfoReportDetail, InfoReportStep, InfoReportSubmission } from '@jointduty/shared';
import {
  CHANNEL_LABEL,
  DEFAULT_TIME_ZONE,
  SEVERITY_LABEL,
  chineseNumber,
  cityDate,
  cityTime,
  dispatchLabel,
  stepLabel,
} from './document-text';
import { body, dateLine, heading, note, table, title, wordDocument, type Block } from './word';

// An information report (信息报送, CONTRACT §10) as a Word document: the title of its latest step,
// every submission in order with who sent it, when and whether late, then the event's facts.

const ISO = /^\d{4}-\d{2}-\d{2}T/;

const stepOf = (s: Pick<InfoReportSubmission, 'step' | 'number'>) => stepLabel(s.step, s.number);

/** 关于<title>的终报 after the latest submission; 信息报送：<title> before the first. */
export function infoReportTitle(d: InfoReportDetail): string {
  const last = d.history[d.history.length - 1];
  return last ? `关于${d.title}的${stepOf(last)}` : `信息报送：${d.title}`;
}

function facts(d: InfoReportDetail, tz: string): Block[] {
  const f = d.facts;
  const channels = f.channels.map((c) => `${CHANNEL_LABEL[c.channel] ?? c.channel} ${c.count} 件`).join('；');
  const out: Block[] = [
    table(
      ['要素', '内容'],
      [
        ['事件', f.what],
        ['时间', ISO.test(f.when) ? cityTime(f.when, tz) : f.when],
        ['地点', f.where ?? '—'],
        ['来件渠道', channels || '—'],
        ['伤亡情况', f.casualties ?? '—'],
        ['涉及金额', f.amounts ?? '—'],
      ],
    ),
  ];
  if (f.dispatches.length) {
    out.push(note('处置力量：'));
    out.push(
      table(
        ['队伍', '状态', '派出时间', '处置环节'],
        f.dispatches.map((x) => [
          x.teamName,
          dispatchLabel(x.status),
          cityTime(x.createdAt, tz),
          x.steps.map((s) => `${dispatchLabel(s.step)} ${cityTime(s.at, tz)}`).join('\n') || '—',
        ]),
      ),
    );
  }
  if (f.instructions.length) {
    out.push(note('领导批示：'));
    out.push(
      table(
        ['批示人', '批示内容', '时间'],
        f.instructions.map((i) => [i.actorName, i.text, cityTime(i.createdAt, tz)]),
      ),
    );
  }
  return out;
}

/** The information report as .docx; times in `timeZone` (the city's, config.city.timezone). */
export async function infoReportToDocx(detail: InfoReportDetail, timeZone = DEFAULT_TIME_ZONE): Promise<Buffer> {
  const tz = timeZone;
  const name = infoReportTitle(detail);
  const last = detail.history[detail.history.length - 1];
  // the number the next 续报 will carry
  const owed = (step: InfoReportStep) =>
    stepLabel(step, step === 'update' ? detail.history.filter((s) => s.step === 'update').length + 1 : 1);
  const blocks: Block[] = [title(name), dateLine(cityDate(last?.submittedAt ?? detail.openedAt, tz))];
  const state =
    detail.status === 'closed'
      ? `已终报（${cityTime(detail.closedAt, tz)}）`
      : detail.next
        ? `待${owed(detail.next.step)}，应于 ${cityTime(detail.next.dueAt, tz)} 前报送${detail.next.late ? '（已超时）' : ''}`
        : '报送中';
  blocks.push(
    table(
      ['预警等级', '区域', '预警时间', '处置完毕', '报送状态'],
      [
        [
          SEVERITY_LABEL[detail.severity],
          detail.district ?? '—',
          cityTime(detail.openedAt, tz),
          detail.resolvedAt ? cityTime(detail.resolvedAt, tz) : '未完毕',
          state,
        ],
      ],
    ),
  );
  let n = 0;
  const h = (text: string) => heading(`${chineseNumber(++n)}、${text}`);
  for (const s of detail.history) {
    blocks.push(h(stepOf(s)));
    blocks.push(
      table(
        ['步骤', '报送时间', '报送人', '应报时间', '是否迟报'],
        [[stepOf(s), cityTime(s.submittedAt, tz), s.submittedByName, s.dueAt ? cityTime(s.dueAt, tz) : '—', s.late ? '是' : '否']],
      ),
    );
    blocks.push(...body(s.text));
  }
  if (detail.draft) {
    blocks.push(h(`${owed(detail.draft.step)}（草稿，未报送）`));
    blocks.push(...body(detail.draft.text));
  }
  blocks.push(h('事件要素'));
  blocks.push(...facts(detail, tz));
  return wordDocument({ title: name }, blocks);
}
