import { describe, expect, it } from 'vitest';
import { filenameOf } from '../../app/download';
import { oneDecimal, percent, ratio, reportIsEmpty } from './figures';
import { dailyFixture, rankingFixture, rate, weeklyFixture } from './testing';

describe('how report figures are written', () => {
  it('writes a rate as a percentage with one decimal, nothing counted as a dash', () => {
    expect(percent(0.923)).toBe('92.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
    expect(ratio(rate(12, 13))).toBe('12/13');
    expect(oneDecimal(4.25)).toBe('4.3');
    expect(oneDecimal(null)).toBe('—');
  });

  it('calls a period without anything in it empty, and one with anything not', () => {
    expect(reportIsEmpty(rankingFixture())).toBe(false);
    const none = rankingFixture({ city: { ...rankingFixture().city, orders: 0 }, units: [] });
    expect(reportIsEmpty(none)).toBe(true);
    expect(reportIsEmpty(weeklyFixture())).toBe(false);
    expect(reportIsEmpty(weeklyFixture({ totals: { due: 0, overdue: 0, onTimeRate: rate(0, 0) }, orders: [] }))).toBe(true);
    const quietDay = dailyFixture({
      intake: { total: 0, byChannel: [], byDistrict: [], byCategory: [] },
      alerts: { ...dailyFixture().alerts, total: 0 },
      dispatches: { ...dailyFixture().dispatches, total: 0 },
      orders: { ...dailyFixture().orders, received: 0, due: 0, overdue: 0 },
    });
    expect(reportIsEmpty(quietDay)).toBe(true);
    // one handover is something to report
    expect(
      reportIsEmpty({
        ...quietDay,
        handovers: [
          {
            id: 'h',
            shiftKey: 'k',
            status: 'handed',
            fromUser: 'duty',
            fromName: '值班员',
            handedAt: '',
            toUser: null,
            toName: null,
            acceptedAt: null,
          },
        ],
      }),
    ).toBe(false);
  });
});

describe('the name of a downloaded file', () => {
  it('takes the UTF-8 name before the ASCII fallback', () => {
    expect(filenameOf(`attachment; filename="ranking-2026-11.xlsx"; filename*=UTF-8''${encodeURIComponent('考核排名-2026-11.xlsx')}`)).toBe(
      '考核排名-2026-11.xlsx',
    );
    expect(filenameOf('attachment; filename="weekly-2026-W49.docx"')).toBe('weekly-2026-W49.docx');
    expect(filenameOf('attachment; filename=daily.xlsx')).toBe('daily.xlsx');
  });
  it('has no name without the header, and never a folder', () => {
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('attachment')).toBeNull();
    expect(filenameOf(`attachment; filename*=UTF-8''..%2F..%2Fetc.xlsx`)).toBe('.._.._etc.xlsx');
  });
});
