// Why an incident joined its event, as the correlator writes it ("same merchant 海韵渔家大排档",
// "same place 登州路 + text similarity 0.72", "same district 市南区 + text similarity 0.55"),
// taken apart so the screen can say it in the reader's language. Anything else is shown as written.
export type JoinReason =
  | { kind: 'first' }
  | { kind: 'merchant'; name: string }
  | { kind: 'place' | 'district'; name: string; score: string }
  | { kind: 'other'; reason: string };

const SIMILAR = /^same (place|district) (.+) \+ text similarity (\d+(?:\.\d+)?)$/;
const MERCHANT = /^same merchant (.+)$/;

export function parseJoinReason(reason: string | null | undefined): JoinReason {
  if (reason === null || reason === undefined || reason.trim() === '') return { kind: 'first' };
  const similar = SIMILAR.exec(reason);
  if (similar) return { kind: similar[1] as 'place' | 'district', name: similar[2]!, score: similar[3]! };
  const merchant = MERCHANT.exec(reason);
  if (merchant) return { kind: 'merchant', name: merchant[1]! };
  return { kind: 'other', reason };
}
