import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Order, OrderExtension } from '@jointduty/shared';
import { ApiError } from '../../app/http';
import { createAppI18n } from '../../app/i18n';
import { FakeSocket } from '../../test/fakeSocket';
import type { LiveSocket } from '../../realtime/socket';
import { useConnection } from '../../realtime/useConnection';
import { actionsFor } from './actions';
import OrderDetailPanel from './OrderDetailPanel.vue';
import { useOrderDetail } from './useOrderDetail';
import { cityTime, orderDetailFixture, orderFixture, orderOf } from './testing';

const NOW = Date.parse(cityTime('2026-07-20T10:00'));
const pending: OrderExtension = {
  workingDays: 5,
  reason: '需现场检测',
  requestedAt: cityTime('2026-07-20T09:00'),
  requestedBy: 'dept-market',
  decision: 'pending',
  decidedAt: null,
  decidedBy: null,
  dueBefore: cityTime('2026-07-30T23:59'),
  dueAfter: null,
};

describe('the steps offered per status and role', () => {
  it.each<[string, Partial<Order>, string[]]>([
    ['new', { status: 'new' }, ['sign', 'return']],
    ['signed, first check owed', { status: 'signed' }, ['contact', 'reply', 'extend', 'return']],
    ['signed, contacted', { status: 'signed', contactedAt: cityTime('2026-07-20T09:30') }, ['reply', 'extend', 'return']],
    ['signed, no first check (12315 咨询)', { status: 'signed', firstCheckBy: null }, ['reply', 'extend', 'return']],
    ['signed, extension asked', { status: 'signed', contactedAt: cityTime('2026-07-20T09:30'), extension: pending }, ['reply', 'return']],
    ['replied', { status: 'replied' }, []],
    ['returned', { status: 'returned' }, []],
    ['closed', { status: 'closed' }, []],
  ])('a unit’s clerk, %s', (_name, over, wanted) => {
    expect(actionsFor(orderFixture(over), 'department')).toEqual(wanted);
  });

  const replied = { status: 'replied' as const, repliedAt: cityTime('2026-07-20T09:30') };
  const followup = { at: cityTime('2026-07-20T09:45'), by: 'duty', satisfaction: '满意' as const, resolved: true, note: null };
  it.each<[string, Partial<Order>, string[]]>([
    ['new', { status: 'new' }, ['remind', 'assign']],
    ['signed with an extension asked', { status: 'signed', extension: pending }, ['extension', 'remind', 'assign']],
    ['returned', { status: 'returned' }, ['assign']],
    ['replied', replied, ['followup', 'close']],
    ['replied, on the ledger, no follow-up yet', { ...replied, ledger: true }, ['followup']],
    ['replied, on the ledger, followed up', { ...replied, ledger: true, followups: [followup] }, ['close']],
    ['closed', { status: 'closed' }, []],
  ])('duty, %s', (_name, over, wanted) => {
    expect(actionsFor(orderFixture(over), 'duty')).toEqual(wanted);
    expect(actionsFor(orderFixture(over), 'admin')).toEqual(wanted);
  });

  it('a leader only looks, and a field user is offered nothing', () => {
    for (const status of ['new', 'signed', 'replied', 'returned'] as const) {
      expect(actionsFor(orderFixture({ status, extension: pending }), 'leader')).toEqual([]);
      expect(actionsFor(orderFixture({ status }), 'field')).toEqual([]);
    }
  });
});

describe('the order panel', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  const mountPanel = (props: Partial<InstanceType<typeof OrderDetailPanel>['$props']>) =>
    mount(OrderDetailPanel, {
      props: { detail: orderDetailFixture(), loading: false, error: null, now: NOW, actions: [], readOnly: false, act: vi.fn(), ...props },
      global: { plugins: [createAppI18n('zh-CN')] },
    });

  it('shows the record with the citizen, and the unit’s buttons for a new order', () => {
    const detail = orderDetailFixture({ status: 'new' });
    const wrapper = mountPanel({ detail, actions: actionsFor(detail, 'department') });
    expect(wrapper.find('.content').text()).toContain('过期酸奶');
    expect(wrapper.find('.citizen').text()).toContain('13812345678');
    expect(wrapper.findAll('.buttons button').map((b) => b.text())).toEqual(['签收', '退回']);
  });

  it('a leader reads without buttons', () => {
    const wrapper = mountPanel({ readOnly: true });
    expect(wrapper.find('.handling').text()).toContain('只读');
    expect(wrapper.findAll('.buttons button')).toHaveLength(0);
  });

  it('答复 asks for a result and a note before it can be sent', async () => {
    const act = vi.fn().mockResolvedValue(undefined);
    const detail = orderDetailFixture({ status: 'signed', contactedAt: cityTime('2026-07-20T09:30') });
    const wrapper = mountPanel({ detail, actions: actionsFor(detail, 'department'), act });
    await wrapper.find('.action-reply').trigger('click');
    const submit = () => wrapper.find('form button[type="submit"]');
    expect(submit().attributes('disabled')).toBeDefined();
    await wrapper.find('select[name="result"]').setValue('部分解决');
    await wrapper.find('textarea[name="note"]').setValue('已约谈商户并下架');
    expect(submit().attributes('disabled')).toBeUndefined();
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(act).toHaveBeenCalledWith('reply', { result: '部分解决', note: '已约谈商户并下架' });
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.find('.notice').text()).toContain('答复');
  });
});

describe('taking a step', () => {
  beforeEach(() => createAppI18n('zh-CN'));

  function setup(post: ReturnType<typeof vi.fn>, read: ReturnType<typeof vi.fn>, onAnswer = vi.fn()) {
    const socket = new FakeSocket();
    const scope = effectScope();
    const detail = scope.run(() => {
      const live = useConnection({
        token: () => 't',
        onUnauthorized: () => undefined,
        socketFactory: () => socket as unknown as LiveSocket,
      });
      return useOrderDetail(live, { post: post as never, read: read as never, onAnswer });
    })!;
    return { socket, scope, detail, onAnswer };
  }

  it('shows the order as the server answered it, on the row and in the panel', async () => {
    const shown = orderDetailFixture({ status: 'new' });
    const signed = { ...orderOf(shown), status: 'signed' as const, updatedAt: cityTime('2026-07-20T09:40') };
    const read = vi
      .fn()
      .mockResolvedValueOnce(shown)
      .mockResolvedValueOnce({ ...shown, ...signed });
    const post = vi.fn().mockResolvedValue(signed);
    const { scope, detail, onAnswer } = setup(post, read);
    detail.open(shown.id);
    await flushPromises();
    await detail.act('sign', {});
    expect(post).toHaveBeenCalledWith(shown.id, 'sign', {});
    expect(onAnswer).toHaveBeenCalledWith(signed);
    expect(detail.detail.value!.status).toBe('signed');
    expect(detail.detail.value!.incident.citizen.name).toBe('张三');
    scope.stop();
  });

  it('a 409 names the step that is out of order and shows the order as it now is', async () => {
    const shown = orderDetailFixture({ status: 'new' });
    const now = { ...shown, status: 'signed' as const, updatedAt: cityTime('2026-07-20T09:40') };
    const read = vi.fn().mockResolvedValueOnce(shown).mockResolvedValueOnce(now);
    const post = vi.fn().mockRejectedValue(new ApiError(409, 'reply: contact the citizen first', 'order.step_out_of_order'));
    const { scope, detail, onAnswer } = setup(post, read);
    detail.open(shown.id);
    await flushPromises();
    await expect(detail.act('reply', { result: '已解决', note: '已处理' })).rejects.toThrow('「答复」未能办理');
    await flushPromises();
    expect(onAnswer).not.toHaveBeenCalled();
    expect(detail.detail.value!.status).toBe('signed');
    scope.stop();
  });

  it('merges a push for the open order, keeping its history', async () => {
    const shown = orderDetailFixture({ status: 'signed' });
    const { socket, scope, detail } = setup(vi.fn(), vi.fn().mockResolvedValue(shown));
    detail.open(shown.id);
    await flushPromises();
    socket.fire('order:update', { ...orderOf(shown), status: 'replied', updatedAt: cityTime('2026-07-20T11:00') });
    await nextTick();
    expect(detail.detail.value!.status).toBe('replied');
    expect(detail.detail.value!.steps).toHaveLength(1);
    scope.stop();
  });
});
