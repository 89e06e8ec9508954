import { cityTime, draftText, factsOf, updateName, type DraftSource } from './info-report-drafts';

const TZ = 'Asia/Shanghai';
const at = (hhmm: string) => Date.parse(`2026-12-05T${hhmm}:00+08:00`);

function source(over: Partial<DraftSource> = {}): DraftSource {
  return {
    title: '城阳区正阳路持刀伤人',
    summary: '110 报警：仓库内持刀伤人，3人受伤',
    firstAt: at('09:05'),
    district: '城阳区',
    place: '正阳路',
    incidents: [
      { channel: '110', receivedAt: at('09:06'), casualties: 3, amount: null },
      { channel: '110', receivedAt: at('09:10'), casualties: 2, amount: null },
      { channel: '12345', receivedAt: at('09:20'), casualties: null, amount: null },
    ],
    dispatches: [
      {
        teamName: '城阳区综合执法队',
        status: 'onsite',
        createdAt: at('09:15'),
        steps: [
          { step: 'ack', at: at('09:16') },
          { step: 'onsite', at: at('09:40') },
        ],
      },
    ],
    instructions: [{ actorName: '王市长', text: '全力救治伤员', createdAt: at('09:30') }],
    resolvedAt: null,
    resolutionNote: null,
    ...over,
  };
}

describe('information report drafts', () => {
  it('writes times as the city reads them', () => {
    expect(cityTime(at('09:05'), TZ)).toBe('12月5日9时05分');
    expect(cityTime(Date.parse('2026-12-31T16:30:00Z'), TZ)).toBe('1月1日0时30分');
    expect(updateName(2)).toBe('续报二');
    expect(updateName(12)).toBe('续报12');
  });

  it('gathers the facts: what, when, where, channels and counts, casualties, dispatches, instructions', () => {
    const f = factsOf(source(), TZ);
    expect(f.what).toBe('城阳区正阳路持刀伤人：110 报警：仓库内持刀伤人，3人受伤');
    expect(f.when).toBe('12月5日9时05分');
    expect(f.where).toBe('城阳区 正阳路');
    expect(f.channels).toEqual([
      { channel: '110', count: 2 },
      { channel: '12345', count: 1 },
    ]);
    // records of one event repeat the same people: the largest count, not the sum
    expect(f.casualties).toBe('据报至少3人伤亡');
    expect(f.amounts).toBeNull();
    expect(f.dispatches).toEqual([
      {
        teamName: '城阳区综合执法队',
        status: 'onsite',
        createdAt: new Date(at('09:15')).toISOString(),
        steps: [
          { step: 'ack', at: new Date(at('09:16')).toISOString() },
          { step: 'onsite', at: new Date(at('09:40')).toISOString() },
        ],
      },
    ]);
    expect(f.instructions).toEqual([{ actorName: '王市长', text: '全力救治伤员', createdAt: new Date(at('09:30')).toISOString() }]);
  });

  it('adds up the amounts of complaints (each its own loss)', () => {
    const f = factsOf(
      source({
        incidents: [
          { channel: '12315', receivedAt: at('09:06'), casualties: null, amount: 3000 },
          { channel: '12315', receivedAt: at('09:07'), casualties: null, amount: 12500 },
        ],
      }),
      TZ,
    );
    expect(f.amounts).toBe('涉及金额合计15,500元（2起记录）');
    expect(f.casualties).toBeNull();
  });

  it('drafts the initial: what, when, where, counts, casualties, teams and instructions', () => {
    const text = draftText('initial', 1, source(), TZ, at('09:45'), null);
    expect(text.split('\n')[0]).toBe('【首报】城阳区正阳路持刀伤人');
    expect(text).toContain('12月5日9时05分，在城阳区 正阳路发生城阳区正阳路持刀伤人。');
    expect(text).toContain('截至12月5日9时45分，共接报3起（110报警2起、12345热线1起）。');
    expect(text).toContain('据报至少3人伤亡。');
    expect(text).toContain('城阳区综合执法队12月5日9时15分派单，12月5日9时16分签收，12月5日9时40分到场（已到场）');
    expect(text).toContain('王市长12月5日9时30分批示：“全力救治伤员”。');
  });

  it('drafts an update from what changed since the last submission only', () => {
    const text = draftText('update', 2, source(), TZ, at('11:00'), at('09:25'));
    expect(text.split('\n')[0]).toBe('【续报二】城阳区正阳路持刀伤人');
    expect(text).toContain('自12月5日9时25分上次报送以来：');
    expect(text).toContain('未新增接报，累计3起。');
    // the dispatch and ack came before the last submission; the arrival after it
    expect(text).toContain('处置进展：城阳区综合执法队12月5日9时40分到场（已到场）。');
    expect(text).not.toContain('9时16分签收');
    expect(text).toContain('王市长12月5日9时30分批示');

    const quiet = draftText('update', 3, source(), TZ, at('12:00'), at('11:00'));
    expect(quiet).toContain('处置工作持续进行，暂无新的进展。');
    expect(quiet).not.toContain('批示');
  });

  it('drafts the final: the outcome with the resolution note', () => {
    const text = draftText(
      'final',
      1,
      source({ resolvedAt: at('12:30'), resolutionNote: '嫌疑人已被控制，伤员送医' }),
      TZ,
      at('12:40'),
      at('11:00'),
    );
    expect(text.split('\n')[0]).toBe('【终报】城阳区正阳路持刀伤人');
    expect(text).toContain('已于12月5日12时30分处置完毕。');
    expect(text).toContain('处置结果：嫌疑人已被控制，伤员送医。');
    expect(text.split('\n').at(-1)).toBe('此为终报。');
  });
});
