import { describe, expect, it, vi, type Mock } from 'vitest';
import type { InfoReportStep } from '@jointduty/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../../app/http';
import { createAppI18n } from '../../app/i18n';
import { errorMessage } from '../../app/errors';
import InfoReportEditor from './InfoReportEditor.vue';
import InfoReportsWallPanel from './InfoReportsWallPanel.vue';
import ReportCountdown from './ReportCountdown.vue';
import { useInfoReportsStore } from './store';
import { infoReportDetailFixture, infoReportFixture } from './testing';
import { filenameOf } from '../../app/download';

const DUE = '2026-07-20T02:30:00.000Z';
const at = (minutesBefore: number) => Date.parse(DUE) - minutesBefore * 60_000;

function plugins(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return { global: { plugins: [createAppI18n(locale)] } };
}

describe('ReportCountdown', () => {
  const next = { step: 'initial' as const, dueAt: DUE, late: false };

  it('shows the step owed and mm:ss left, amber under ten minutes', () => {
    const calm = mount(ReportCountdown, { props: { next, now: at(24.5) }, ...plugins() });
    expect(calm.text()).toBe('首报24:30');
    expect(calm.attributes('data-state')).toBe('ok');
    const soon = mount(ReportCountdown, { props: { next, now: at(8) }, ...plugins() });
    expect(soon.text()).toBe('首报08:00');
    expect(soon.classes()).toContain('is-soon');
  });

  it('turns red and says how late once the deadline passes', () => {
    const late = mount(ReportCountdown, { props: { next, now: at(-12.5) }, ...plugins() });
    expect(late.classes()).toContain('is-late');
    expect(late.find('.time').text()).toBe('已超时 12分');
    const long = mount(ReportCountdown, { props: { next: { ...next, step: 'update' as const }, now: at(-75) }, ...plugins() });
    expect(long.text()).toBe('续报已超时 1时15分');
    expect(
      mount(ReportCountdown, { props: { next, now: at(-3) }, ...plugins('en') })
        .find('.time')
        .text(),
    ).toBe('Late by 3 min');
    // just past, or late by the server before this screen's clock: no "0 minutes"
    expect(
      mount(ReportCountdown, { props: { next, now: at(-0.5) }, ...plugins() })
        .find('.time')
        .text(),
    ).toBe('已超时');
    const byServer = mount(ReportCountdown, { props: { next: { ...next, late: true }, now: at(2) }, ...plugins() });
    expect(byServer.attributes('data-state')).toBe('late');
    expect(byServer.find('.time').text()).toBe('已超时');
  });

  it('says an open report owes its final report once the alert is resolved', () => {
    const w = mount(ReportCountdown, { props: { next: null, now: at(5) }, ...plugins() });
    expect(w.attributes('data-state')).toBe('waiting');
    expect(w.text()).toBe('待办结后终报');
  });
});

describe('InfoReportsWallPanel', () => {
  it('lists the most pressing reports it has room for, then how many more, red when one is late', () => {
    const reports = [1, 2, 3, 4, 5].map((i) =>
      infoReportFixture({ title: `报告${i}`, district: i === 2 ? null : '黄岛区', next: { step: 'initial', dueAt: DUE, late: i === 1 } }),
    );
    const w = mount(InfoReportsWallPanel, { props: { reports, now: at(5), max: 3 }, ...plugins() });
    // the district first: titles of one kind of event read alike
    expect(w.findAll('.report-row').map((r) => r.find('.title').text())).toEqual(['黄岛区 报告1', '报告2', '黄岛区 报告3']);
    expect(w.find('.more').text()).toBe('另有 2 条');
    expect(w.classes()).toContain('has-late');
    expect(w.findAll('.report-countdown').map((c) => c.attributes('data-state'))).toEqual(['late', 'soon', 'soon']);

    const calm = mount(InfoReportsWallPanel, { props: { reports: reports.slice(1, 2), now: at(20) }, ...plugins() });
    expect(calm.find('.more').exists()).toBe(false);
    expect(calm.classes()).not.toContain('has-late');
  });
});

describe('info reports store', () => {
  it('keeps the newest state of each open report, drops closed ones, and ignores a stale one', () => {
    setActivePinia(createPinia());
    const store = useInfoReportsStore();
    const r = infoReportFixture();
    store.apply(r);
    const submitted = { ...r, submissions: 1, next: { step: 'update' as const, dueAt: '2026-07-20T04:30:00Z', late: false } };
    store.apply(submitted);
    // a slow answer from before the submission does not undo it
    store.apply(r);
    expect(store.open.map((x) => x.next?.step)).toEqual(['update']);
    store.apply({ ...submitted, submissions: 2, status: 'closed', next: null });
    expect(store.open).toEqual([]);
  });
});

describe('InfoReportEditor', () => {
  const now = at(20);

  function editor(
    over: Partial<Parameters<typeof infoReportDetailFixture>[0]> = {},
    calls: { submit?: Mock<(step: InfoReportStep, text: string) => Promise<void>>; download?: Mock<() => Promise<void>> } = {},
  ) {
    const submit = calls.submit ?? vi.fn<(step: InfoReportStep, text: string) => Promise<void>>(async () => undefined);
    const download = calls.download ?? vi.fn(async () => undefined);
    const detail = infoReportDetailFixture(over);
    const w = mount(InfoReportEditor, { props: { detail, loading: false, error: null, now, submit, download }, ...plugins() });
    return { w, submit, download, detail };
  }

  it('shows the facts beside the draft, prefilled, and submits the step owed with the edited text', async () => {
    const { w, submit, detail } = editor();
    expect(w.find('.facts').text()).toContain('市南区中山路128号');
    expect(w.find('.facts').text()).toContain('12315 12 件');
    expect(w.find('.facts').text()).toContain('王局长');
    const area = w.find('textarea[name="text"]');
    expect((area.element as HTMLTextAreaElement).value).toBe(detail.draft!.text);
    const button = w.find('button.submit-initial');
    expect(button.text()).toBe('报送首报');

    await area.setValue('【首报】改过的正文');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(submit).toHaveBeenCalledWith('initial', '【首报】改过的正文');
    expect(w.find('.ok-text').text()).toBe('已报送首报');

    await w.find('button.reset').trigger('click');
    expect((area.element as HTMLTextAreaElement).value).toBe(detail.draft!.text);
  });

  it('does not submit an empty text', async () => {
    const { w, submit } = editor();
    await w.find('textarea[name="text"]').setValue('   ');
    expect(w.find('button.submit-initial').attributes('disabled')).toBeDefined();
    await w.find('form').trigger('submit');
    expect(submit).not.toHaveBeenCalled();
  });

  it('shows a refusal in the words of its error code', async () => {
    const refusal = new ApiError(409, 'step: initial was already submitted', 'info_report.step_out_of_order');
    const { w } = editor({}, { submit: vi.fn(async () => Promise.reject(refusal)) });
    await w.find('form').trigger('submit');
    await flushPromises();
    const shown = w.find('.draft-form .error-text').text();
    expect(shown).toBe(errorMessage(refusal));
    expect(shown).not.toBe('');
    expect(w.find('.ok-text').exists()).toBe(false);
  });

  it('lists the submissions newest first, late ones marked, and offers the step due next', () => {
    const { w } = editor({
      next: { step: 'update', dueAt: DUE, late: false },
      draft: { step: 'update', text: '续报正文' },
      submissions: 2,
      lateSteps: ['initial'],
      history: [
        {
          id: 's1',
          step: 'initial',
          number: 1,
          text: '首报正文',
          submittedBy: 'duty',
          submittedByName: '张值班',
          submittedAt: '2026-07-20T02:35:00Z',
          dueAt: '2026-07-20T02:30:00Z',
          late: true,
        },
        {
          id: 's2',
          step: 'update',
          number: 1,
          text: '续报一正文',
          submittedBy: 'duty',
          submittedByName: '张值班',
          submittedAt: '2026-07-20T04:00:00Z',
          dueAt: '2026-07-20T04:35:00Z',
          late: false,
        },
      ],
    });
    const items = w.findAll('.submission');
    expect(items.map((i) => i.find('strong').text())).toEqual(['第1次续报', '首报']);
    expect(items[1]!.classes()).toContain('late');
    expect(items[1]!.find('.late-mark').text()).toBe('超时报送');
    expect(items[0]!.find('.late-mark').exists()).toBe(false);
    expect(w.find('button.submit-update').text()).toBe('报送续报');
  });

  it('has no form once closed, and downloads the Word document', async () => {
    const { w, download } = editor({ status: 'closed', next: null, draft: null });
    expect(w.find('form').exists()).toBe(false);
    expect(w.find('.closed').text()).toBe('已终报，本条信息报送已完结');
    await w.find('button.download').trigger('click');
    await flushPromises();
    expect(download).toHaveBeenCalledTimes(1);
  });
});

describe('filenameOf', () => {
  it('reads the UTF-8 name first, then the plain one', () => {
    expect(filenameOf(`attachment; filename="report.docx"; filename*=UTF-8''%E4%BF%A1%E6%81%AF%E6%8A%A5%E9%80%81.docx`)).toBe(
      '信息报送.docx',
    );
    expect(filenameOf('attachment; filename="report.docx"')).toBe('report.docx');
    expect(filenameOf('attachment; filename=plain.docx')).toBe('plain.docx');
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('inline')).toBeNull();
  });
});
