import { cut } from 'jieba-wasm';
import { addWords, clearSegmentCache, normalizeText, segment } from './segmenter';

describe('segmenter', () => {
  it('cuts Chinese text into words and drops punctuation', () => {
    const words = segment('昨晚在云霄路吃海鲜，全家上吐下泻，怀疑食物中毒！');
    expect(words).toContain('食物中毒');
    expect(words).toContain('上吐下泻');
    expect(words).not.toContain('，');
    expect(words).not.toContain('！');
  });

  it('keeps words it was taught whole', () => {
    expect(segment('海韵渔家大排档的海鲜')).not.toContain('海韵渔家大排档');
    addWords(['海韵渔家大排档']);
    expect(segment('海韵渔家大排档的海鲜')).toContain('海韵渔家大排档');
  });

  it('reads full-width letters and digits as half-width', () => {
    expect(normalizeText('ＡＢＣ１２３　x')).toBe('abc123 x');
  });

  it('cuts only the head of a very long text', () => {
    const words = segment('投诉'.repeat(10_000));
    expect(words.join('').length).toBeLessThanOrEqual(600);
  });
});

describe('segmenting block by block', () => {
  // what segment() gave when it cut each text in one call
  const whole = (text: string, maxChars = 600) =>
    cut(normalizeText(text.slice(0, maxChars)), true)
      .filter((w) => /[\p{L}\p{N}]/u.test(w))
      .map((w) => w.trim())
      .filter((w) => w.length > 0);

  it('gives what one call over the whole text gives', () => {
    const texts = [
      '昨晚在云霄路吃海鲜，全家上吐下泻，怀疑食物中毒！',
      '今天下午三点左右，小区楼下烧烤摊每晚营业到凌晨两点，附近12号楼3单元的住户多次反映，希望相关部门尽快处理。',
      '力美健身(台东店)在该店办理预付卡3000元…门店突然关门',
      'ＡＢＣ１２３　x  y\r\nz\t#青岛# 【求助】@小李 https://weibo.com/123/abc?x=1 [怒][怒]',
      'é〇Ⅲ①々ﾊ㎏Ⓐ😀𠀀Ω Σ İ\u00a0\u2028 a+b&c_d.e%f-g “引号”《书名》——破折号',
      '',
      '，。！',
    ];
    for (const text of texts) {
      clearSegmentCache();
      expect(segment(text)).toEqual(whole(text));
      // and again, from what it remembers
      expect(segment(text)).toEqual(whole(text));
      expect(segment(text, 17)).toEqual(whole(text, 17));
    }
  });

  it('forgets what it remembers when the dictionary grows', () => {
    const text = '在砂锅粥小馆吃饭';
    expect(segment(text)).toEqual(whole(text));
    addWords(['砂锅粥小馆']);
    expect(segment(text)).toContain('砂锅粥小馆');
  });
});

describe('normalizeText', () => {
  const slow = (text: string) =>
    text
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, ' ')
      .toLowerCase()
      .replace(/\s+/g, ' ');

  it('gives what the regular expressions give', () => {
    const texts = ['ＡＢＣ１２３　x', '  a \t\n b　　c ', '中文，标点！（括号）', 'ÉΣİ Ωmega', 'x\u00a0y\u2028z\ufeff', '…—“”', 'abc', ''];
    for (const text of texts) expect(normalizeText(text)).toBe(slow(text));
  });
});
