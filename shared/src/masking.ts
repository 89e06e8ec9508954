// Personal data masking. Lists, pushes and logs show only these forms; the one audited detail
// view shows the original.

/** 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J********* */
export function maskName(name: string | null | undefined): string | null {
  if (name == null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return null;
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 8));
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  let digits = phone.replace(/[^0-9]/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length === 0) return null;
  if (digits.length >= 11) return digits.slice(0, 3) + '****' + digits.slice(-4);
  if (digits.length >= 7) return digits.slice(0, 2) + '*'.repeat(digits.length - 4) + digits.slice(-2);
  return '*'.repeat(Math.max(digits.length - 2, 1)) + digits.slice(-2);
}

// Phone numbers and ID card numbers written into free text by citizens.
const MOBILE = /(?<![0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])/g;
const ID_CARD = /(?<![0-9])([1-9][0-9]{5})(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g;
const LANDLINE = /(?<![0-9])(0[0-9]{2,3})-?([0-9]{3,4})([0-9]{4})(?![0-9])/g;

/** Masks phone and ID numbers inside free text. */
export function maskText(text: string): string {
  return text
    .replace(ID_CARD, (_m, area: string) => area + '************')
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => a + '****' + c)
    .replace(LANDLINE, (_m, area: string, _mid: string, last: string) => area + '-****' + last);
}

export interface Reporter {
  name: string | null;
  phone: string | null;
}

export function maskReporter(r: Reporter | null | undefined): Reporter | null {
  if (!r || (r.name == null && r.phone == null)) return null;
  return { name: maskName(r.name), phone: maskPhone(r.phone) };
}
