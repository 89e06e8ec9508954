import { addWords, normalizeText, segment } from './segmenter';

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
