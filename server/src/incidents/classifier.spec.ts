import { loadConfig } from '../config/config.loader';
import { Classifier } from './classifier';

describe('Classifier (keyword routing)', () => {
  const config = loadConfig({ env: { SIMULATOR: 'off' } });
  const c = new Classifier(config.departments);

  it('routes by the words of the text', () => {
    expect(c.classify('12345', '出租车司机绕路还不打表').department).toBe('交通运输局');
    expect(c.classify('12345', '大排档海鲜缺斤短两，价格欺诈').department).toBe('市场监管局');
    expect(c.classify('12345', '凌晨烧烤摊噪音扰民').department).toBe('城市管理局');
  });

  it('takes the department from a category the feed already chose', () => {
    expect(c.classify('12345', '附近哪里有停车场', { category: '交通运输>停车管理' }).department).toBe('交通运输局');
    expect(c.classify('12345', '随便说点什么', { category: '市场监管>食品安全' })).toEqual({ category: '市场监管>食品安全', department: '市场监管局' });
  });

  it('keeps a department the hotline already assigned', () => {
    expect(c.classify('12345', '出租车绕路', { department: '市南区政府' }).department).toBe('市南区政府');
  });

  it('falls back by channel when no word matches', () => {
    expect(c.classify('12315', 'xyz').department).toBe('市场监管局');
    expect(c.classify('110', 'xyz', { alarmType: '纠纷' })).toEqual({ category: '公安>纠纷', department: '公安局' });
    expect(c.classify('sentiment', 'xyz').department).toBe('12345热线办');
  });
});
