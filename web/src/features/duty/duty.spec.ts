import { describe, expect, it, vi, type Mock } from 'vitest';
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import type { DutyLog, DutyState } from '@jointduty/shared';
import { ApiError } from '../../app/http';
import { createAppI18n } from '../../app/i18n';
import DutyStrip from './DutyStrip.vue';
import HandoverPanel from './HandoverPanel.vue';
import ConsoleDutyBar from './ConsoleDutyBar.vue';
import DutyLogSheet from './DutyLogSheet.vue';
import { changeStatus, datedSpanText, minutesLeft, spanText, withoutShiftPeople } from './shift';
import { useHandover } from './useHandover';
import { cityToday, useDutyLog } from './useDutyLog';
import { DAY_SHIFT, NIGHT_SHIFT, dutyStateFixture, handoverDraftFixture, handoverSummaryFixture } from './testing';

const END = Date.parse(DAY_SHIFT.end);
const plugins = (locale: 'zh-CN' | 'en' = 'zh-CN') => ({
  global: { plugins: [createAppI18n(locale)], stubs: { RouterLink: RouterLinkStub } },
});

describe('the shift change', () => {
  it('reads the shift in city time and counts the server’s minutes down on this screen’s clock', () => {
    expect(spanText(DAY_SHIFT)).toBe('08:00–20:00');
    const state = dutyStateFixture({ minutesToChange: 18 });
    const came = Date.parse('2026-07-20T11:42:30Z');
    expect(minutesLeft(state, came, came)).toBe(18);
    expect(minutesLeft(state, came, came + 59_000)).toBe(18);
    expect(minutesLeft(state, came, came + 60_000)).toBe(17);
    expect(minutesLeft(state, came, came + 25 * 60_000)).toBe(0);
    // a clock that jumps back does not add minutes
    expect(minutesLeft(state, came, came - 5 * 60_000)).toBe(18);
  });

  it('dates a shift that runs past midnight, and leaves the strip’s people out of the roster', () => {
    expect(datedSpanText(DAY_SHIFT)).toBe('07-20 08:00–20:00');
    expect(datedSpanText(NIGHT_SHIFT)).toBe('07-20 20:00–07-21 08:00');
    const roster = [
      { unit: '联席办', person: '张伟' },
      { unit: '公安局', person: '赵敏' },
    ];
    expect(withoutShiftPeople(roster, dutyStateFixture())).toEqual([{ unit: '公安局', person: '赵敏' }]);
    expect(withoutShiftPeople(roster, null)).toEqual(roster);
  });

  it('nudges only while the shift is not handed over', () => {
    expect(changeStatus({ nudge: false, handover: null })).toBe('calm');
    expect(changeStatus({ nudge: true, handover: null })).toBe('nudge');
    expect(changeStatus({ nudge: true, handover: handoverSummaryFixture() })).toBe('handed');
    expect(changeStatus({ nudge: true, handover: handoverSummaryFixture({ status: 'accepted' }) })).toBe('accepted');
  });
});

describe('DutyStrip', () => {
  const CAME = END - 20 * 60_000;
  const strip = (state: DutyState | null, now: number, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    mount(DutyStrip, { props: { state, receivedAt: CAME, now }, ...plugins(locale) });

  it('shows who is on now and next, and when the shift changes', () => {
    const w = strip(dutyStateFixture(), END - 2 * 3600_000);
    expect(w.find('.now').text()).toBe('当班08:00–20:00张伟、李娜');
    expect(w.find('.next .span').text()).toBe('20:00–08:00');
    expect(w.find('.next .people').text()).toBe('王强');
    expect(w.find('.change').text()).toBe('20:00 交接班');
    expect(w.attributes('data-status')).toBe('calm');
  });

  it('nudges before the change with the minutes left, ticking, until it is handed over and accepted', async () => {
    const w = strip(dutyStateFixture({ nudge: true, minutesToChange: 20 }), CAME + 2 * 60_000 + 30_000);
    expect(w.find('.change').text()).toBe('距交接班 18 分钟 · 未交班');
    expect(w.find('.change').classes()).toContain('is-nudge');
    await w.setProps({ now: CAME + 10 * 60_000 + 30_000 });
    expect(w.find('.change').text()).toBe('距交接班 10 分钟 · 未交班');

    await w.setProps({ state: dutyStateFixture({ nudge: true, handover: handoverSummaryFixture() }) });
    expect(w.find('.change').text()).toBe('已交班 · 待接班');
    await w.setProps({
      state: dutyStateFixture({ nudge: true, handover: handoverSummaryFixture({ status: 'accepted', toName: '王强' }) }),
    });
    expect(w.find('.change').text()).toBe('已接班');
    expect(w.find('.change').classes()).toContain('is-accepted');
  });

  it('shows nothing before the state is known', () => {
    expect(strip(null, END).find('.duty-strip').exists()).toBe(false);
  });
});

describe('HandoverPanel', () => {
  type Calls = {
    handOver: Mock<(notes: string) => Promise<void>>;
    accept: Mock<(id: string) => Promise<void>>;
    done: Mock<(eventId: string, noteId: string) => Promise<void>>;
  };
  function panel(state: DutyState, me: string, over: Partial<Calls> = {}) {
    const calls: Calls = {
      handOver: over.handOver ?? vi.fn(async () => undefined),
      accept: over.accept ?? vi.fn(async () => undefined),
      done: over.done ?? vi.fn(async () => undefined),
    };
    const w = mount(HandoverPanel, {
      props: { draft: handoverDraftFixture(), loading: false, error: null, state, me, ...calls },
      ...plugins(),
    });
    return { w, calls };
  }

  it('shows what the shift hands over, and hands it over with the notes', async () => {
    const { w, calls } = panel(dutyStateFixture(), 'duty');
    expect(w.find('.state').text()).toBe('本班尚未交班');
    expect(w.find('.open-alerts').text()).toContain('中山路预付卡商户关门');
    expect(w.find('.dispatches').text()).toContain('市南区市场监管所');
    expect(w.find('.orders-due').text()).toContain('GD20260720001');
    expect(w.find('.reports-due').text()).toContain('续报');
    expect(w.find('.instructions').text()).toContain('王局长：妥善处置，做好解释');
    await w.find('textarea[name="notes"]').setValue('  中山路现场夜间继续值守  ');
    await w.find('form.handover-form').trigger('submit');
    await flushPromises();
    expect(calls.handOver).toHaveBeenCalledWith('中山路现场夜间继续值守');
  });

  it('marks an instruction carried out', async () => {
    const { w, calls } = panel(dutyStateFixture(), 'duty');
    await w.find('.instruction button.done').trigger('click');
    await flushPromises();
    expect(calls.done).toHaveBeenCalledWith('e1', 'n1');
  });

  it('offers 接班 to another officer, not to the one who handed it over, and no second handover', async () => {
    const handed = dutyStateFixture({ handover: handoverSummaryFixture() });
    const own = panel(handed, 'duty').w;
    expect(own.find('button.accept').exists()).toBe(false);
    expect(own.find('.state').text()).toContain('张伟 已于 2026-07-20 19:45 交班，待接班');
    expect(own.find('form.handover-form').exists()).toBe(false);

    const { w, calls } = panel(handed, 'admin');
    await w.find('button.accept').trigger('click');
    await flushPromises();
    expect(calls.accept).toHaveBeenCalledWith('h1');
  });

  it('shows a refused handover in the words of its code', async () => {
    const refusal = new ApiError(409, 'shift: already handed over', 'handover.already_handed');
    const { w } = panel(dutyStateFixture(), 'duty', { handOver: vi.fn(async () => Promise.reject(refusal)) });
    await w.find('form.handover-form').trigger('submit');
    await flushPromises();
    expect(w.find('.handover-form .error-text').text()).toBe(
      createAppI18n('zh-CN').global.t('errors.code.handover.already_handed', { fields: '' }),
    );
  });
});

describe('ConsoleDutyBar', () => {
  it('says the shift, the coming change and opens the handover', async () => {
    const came = END - 6 * 60_000;
    const w = mount(ConsoleDutyBar, {
      props: { state: dutyStateFixture({ nudge: true, minutesToChange: 6 }), receivedAt: came, now: came + 60_000 },
      ...plugins(),
    });
    expect(w.find('.change').text()).toBe('距交接班 5 分钟 · 未交班');
    expect(w.findComponent(RouterLinkStub).props('to')).toBe('/duty-log');
    await w.find('button.open-handover').trigger('click');
    expect(w.emitted('handover')).toHaveLength(1);
  });
});

describe('useHandover', () => {
  it('shows the answer’s handover in the duty state at once and drops a done instruction from the draft', async () => {
    let state: DutyState = dutyStateFixture();
    const handed = { ...handoverSummaryFixture(), notes: '', draft: handoverDraftFixture() };
    const draft = vi.fn(async () => handoverDraftFixture());
    const h = useHandover({
      current: () => state,
      apply: (s) => (state = s),
      calls: {
        draft,
        handOver: vi.fn(async () => handed),
        accept: vi.fn(async () => ({ ...handed, status: 'accepted' as const })),
        done: vi.fn(async () => ({})),
      },
    });
    await h.loadDraft();
    await h.handOver('notes');
    expect(state.handover?.status).toBe('handed');
    await h.accept('h1');
    expect(state.handover?.status).toBe('accepted');

    draft.mockImplementationOnce(() => new Promise(() => undefined));
    await h.done('e1', 'n1');
    expect(h.draft.value?.instructions).toEqual([]);
  });
});

describe('duty log', () => {
  const log: DutyLog = {
    date: '2026-07-20',
    shifts: [DAY_SHIFT],
    handovers: [handoverSummaryFixture({ status: 'accepted', toName: '王强', acceptedAt: '2026-07-20T12:02:00.000Z' })],
    entries: [
      { at: '2026-07-20T12:02:00.000Z', kind: 'accept', actor: 'admin', actorName: '王强', text: '接班' },
      { at: '2026-07-20T02:00:00.000Z', kind: 'alert', actor: null, actorName: null, text: '重大预警：中山路预付卡商户关门' },
    ],
  };

  it('prints the shifts, the handovers with their notes and the entries in time order', () => {
    const w = mount(DutyLogSheet, { props: { log, notes: new Map([['h1', '中山路现场夜间继续值守']]) }, ...plugins() });
    expect(w.find('.shifts').text()).toContain('07-20 08:00–20:00张伟、李娜');
    expect(w.find('.handover').text()).toContain('张伟 交班 2026-07-20 19:45');
    expect(w.find('.handover').text()).toContain('王强 接班 2026-07-20 20:02');
    expect(w.find('.notes').text()).toBe('交班说明：中山路现场夜间继续值守');
    expect(w.findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()))).toEqual([
      ['10:00', '预警', '—', '重大预警：中山路预付卡商户关门'],
      ['20:02', '接班', '王强', '接班'],
    ]);
  });

  it('reads a day with the notes of its handovers, shows the log even when a note cannot be read, and takes only real dates', async () => {
    const readLog = vi.fn<(date: string) => Promise<DutyLog>>(async () => log);
    const readHandover = vi.fn(async (id: string) => ({
      ...handoverSummaryFixture({ id }),
      notes: '夜间继续值守',
      draft: handoverDraftFixture(),
    }));
    const h = useDutyLog({ log: readLog, handover: readHandover });
    expect(h.date.value).toBe(cityToday());
    await h.load();
    expect(h.log.value).toEqual(log);
    expect([...h.notes.value]).toEqual([['h1', '夜间继续值守']]);

    readHandover.mockImplementationOnce(async () => Promise.reject(new ApiError(500, 'x')));
    h.setDate('2026-07-32x');
    h.setDate('2026-07-19');
    await flushPromises();
    expect(h.log.value).toEqual(log);
    expect(h.notes.value.size).toBe(0);
    expect(readLog.mock.calls.map((c) => c[0])).toEqual([cityToday(), '2026-07-19']);
  });
});
