import { maskName, maskPhone, maskReporter, maskText } from './masking';

describe('masking', () => {
  it('masks mobile numbers as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('8888777')).toBe('88***77');
    expect(maskPhone('110')).toBe('*10');
    expect(maskPhone(null)).toBeNull();
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskName('  ')).toBeNull();
  });

  it('masks phone and ID numbers written into free text', () => {
    const t = maskText('我叫李四，电话13912345678，身份证370202199001011234，座机0532-83881234。');
    expect(t).not.toContain('13912345678');
    expect(t).toContain('139****5678');
    expect(t).not.toContain('199001011234');
    expect(t).not.toContain('83881234');
    expect(t).toContain('0532-****1234');
  });

  it('leaves ordinary numbers alone', () => {
    expect(maskText('涉及金额2000元，3人受伤，订单号20260720')).toBe('涉及金额2000元，3人受伤，订单号20260720');
  });

  it('masks a reporter, or gives null when there is nobody', () => {
    expect(maskReporter({ name: '赵六', phone: '15000001111' })).toEqual({ name: '赵*', phone: '150****1111' });
    expect(maskReporter({ name: null, phone: null })).toBeNull();
  });
});
