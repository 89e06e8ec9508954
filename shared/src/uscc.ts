// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
// alphabet (no I O S V Z); the last is a check character over the first 17.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters of a USCC call for, or null if they are not valid. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return ALPHABET[c]!;
}

/** Why a USCC is not valid, or null when it is. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return 'must be 18 characters';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'has a character outside the USCC alphabet';
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return 'check character does not match (GB 32100-2015)';
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}
