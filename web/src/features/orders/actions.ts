import type { Order, OrderAction, OrderDutyAction, OrderUnitAction, Role } from '@jointduty/shared';
import { timeOf } from '../../app/format';

// Which steps a screen offers for an order: a unit's clerk (role `department`) the steps of its
// own handling, duty and admin the supervision; a leader only looks. The server decides in the
// end (a step out of order answers 409); these only keep buttons off that could not succeed.

export function unitActions(order: Order): OrderUnitAction[] {
  switch (order.status) {
    case 'new':
      return ['sign', 'return'];
    case 'signed': {
      // the first check (联系/初查) leads while it is owed; a reply may still come at once
      const out: OrderUnitAction[] = order.firstCheckBy && !order.contactedAt ? ['contact', 'reply'] : ['reply'];
      if (order.extension?.decision !== 'pending') out.push('extend');
      out.push('return');
      return out;
    }
    default:
      return [];
  }
}

// a reply's follow-up is recorded: one that was not satisfied would have reopened the order
function followedUp(order: Order): boolean {
  const replied = order.repliedAt ? timeOf(order.repliedAt) : 0;
  return order.followups.some((f) => timeOf(f.at) >= replied);
}

export function dutyActions(order: Order): OrderDutyAction[] {
  const out: OrderDutyAction[] = [];
  if (order.extension?.decision === 'pending') out.push('extension');
  switch (order.status) {
    case 'returned':
      out.push('assign');
      break;
    case 'new':
    case 'signed':
      out.push('remind', 'assign');
      break;
    case 'replied':
      if (!followedUp(order)) out.push('followup');
      // a ledger entry is closed off only after a satisfied, resolved follow-up of the new reply
      if (!order.ledger || followedUp(order)) out.push('close');
      break;
    case 'closed':
      break;
  }
  return out;
}

export function actionsFor(order: Order, role: Role | null): OrderAction[] {
  if (role === 'department') return unitActions(order);
  if (role === 'admin' || role === 'duty') return dutyActions(order);
  return [];
}
