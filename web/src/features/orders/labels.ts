import type { OrderAction, OrderBodies, ReplyResult, Satisfaction } from '@jointduty/shared';

// The API's Chinese values, keyed by a word for the message files (orders.result.*, orders.satisfaction.*).
export const RESULT_KEY: Record<ReplyResult, string> = {
  已解决: 'resolved',
  部分解决: 'partly',
  未解决: 'unresolved',
  不属实: 'untrue',
  终止调解: 'mediationEnded',
};

export const SATISFACTION_KEY: Record<Satisfaction, string> = {
  满意: 'satisfied',
  基本满意: 'fair',
  不满意: 'unsatisfied',
};

/** Takes a step on the open order; a refusal is thrown with its text for the screen. */
export type OrderAct = <A extends OrderAction>(action: A, body: OrderBodies[A]) => Promise<void>;
