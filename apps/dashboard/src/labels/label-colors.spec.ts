import { textColorOn } from './label-colors';

describe('textColorOn', () => {
  it('writes dark on light colours and white on dark ones', () => {
    expect(textColorOn('#ffffff')).toBe('#101828');
    expect(textColorOn('#FDE047')).toBe('#101828');
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#1d4ed8')).toBe('#ffffff');
  });

  it('falls back to dark text for what is no #rrggbb', () => {
    expect(textColorOn('red')).toBe('#101828');
  });
});
