import { WordIndex } from './word-index';

describe('WordIndex', () => {
  const words = ['火灾', '着火', '起火冒烟', '火', '冒烟', 'ab', 'abc'];
  const index = new WordIndex(words.map((w, k) => [w, k] as const));
  const texts = ['楼道内堆放杂物起火冒烟，已用灭火器扑救', 'abcab火', '', '没有', '火火火'];

  it('finds every occurrence of every word, by position, then in the order given', () => {
    for (const text of texts) {
      const found: Array<[number, number]> = [];
      index.each(text, (k, at) => {
        found.push([at, k]);
      });
      const naive: Array<[number, number]> = [];
      for (let at = 0; at < text.length; at++) words.forEach((w, k) => text.startsWith(w, at) && naive.push([at, k]));
      expect(found).toEqual(naive);
    }
  });

  it('stops when told to, and reads only the range given', () => {
    const found: number[] = [];
    index.each('火灾火灾', (k, at) => (found.push(at), true));
    expect(found).toEqual([0]);
    expect(index.someIn('没有')).toBe(false);
    expect(index.someIn('着火了')).toBe(true);
    // 起火冒烟 does not fit in [0, 3)
    expect(index.lastEnd('起火冒烟', 0, 3)).toBe(2);
    expect(index.lastEnd('起火冒烟')).toBe(4);
    expect(index.lastEnd('没有')).toBe(-1);
  });
});
