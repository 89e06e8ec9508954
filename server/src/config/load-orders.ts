import { ALARM_TYPES, APPEAL_TYPES, CHANNELS, CONSUMER_KINDS, PLATFORMS, type Channel } from '@jointduty/shared';
import type { ChannelLimits, OrderLimits, OrdersConfig, OrdersFile } from './orders.schema';
import type { CheckContext } from './read-files';

// The work orders' rules (config/orders.yaml): limits by channel and kind, reminders, extensions.

// what an incident's kind is on each channel: the record's 诉求类型, kind, 警情类型 or platform
const KINDS: Record<Channel, readonly string[]> = {
  '12345': APPEAL_TYPES,
  '12315': CONSUMER_KINDS,
  '110': ALARM_TYPES,
  sentiment: PLATFORMS,
};

// The typed rules; undefined after recording problems: a kind its channel does not have, `urgent`
// on a channel without urgency, or a handling limit after a first check the order does not have.
export function ordersOf(ctx: CheckContext, file: OrdersFile | undefined): OrdersConfig | undefined {
  if (!file) return undefined;
  const label = ctx.files.label('orders');
  const before = ctx.problems.length;
  const problem = (field: string, why: string) => ctx.problems.push(`${label}: ${field}: ${why}`);

  const checkLimits = (limits: OrderLimits, field: string) => {
    if (limits.due.after === 'firstCheck' && limits.firstCheck === null) {
      problem(`${field}.due.after`, 'counts from the first check, but firstCheck is null');
    }
  };

  const channels: Partial<Record<Channel, ChannelLimits>> = {};
  for (const channel of CHANNELS) {
    const entry = file.limits[channel];
    if (!entry) continue;
    const at = `limits["${channel}"]`;
    if (entry.urgent && channel !== '12345') problem(`${at}.urgent`, 'only 12345 records carry an urgency');
    if (entry.urgent) checkLimits(entry.urgent, `${at}.urgent`);
    if (entry.other) checkLimits(entry.other, `${at}.other`);
    for (const [kind, limits] of Object.entries(entry.kinds)) {
      if (!KINDS[channel].includes(kind)) problem(`${at}.kinds.${kind}`, `not a kind of ${channel} (${KINDS[channel].join(' ')})`);
      checkLimits(limits, `${at}.kinds.${kind}`);
    }
    channels[channel] = { urgent: entry.urgent ?? null, kinds: entry.kinds, other: entry.other ?? null };
  }
  checkLimits(file.limits.default, 'limits.default');

  if (ctx.problems.length > before) return undefined;
  const [hour, minute] = file.reminderTime.split(':').map(Number) as [number, number];
  return {
    limits: { channels, default: file.limits.default },
    reminderLevels: file.reminderLevels,
    reminderTime: file.reminderTime,
    reminderMinute: hour * 60 + minute,
    extensionMaxWorkingDays: file.extensionMaxWorkingDays,
    reopenWorkingDays: file.reopenWorkingDays,
    clearingHour: file.clearingHour,
  };
}
