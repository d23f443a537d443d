import { describe, expect, it } from '@jest/globals';
import { brandColor, textColorOn } from './contrast';

describe("text on the chatbot's colour", () => {
  it('is white on dark colours and dark on light ones', () => {
    expect(textColorOn('#2563eb')).toBe('#ffffff');
    expect(textColorOn('#111111')).toBe('#ffffff');
    expect(textColorOn('#facc15')).toBe('#111827');
    expect(textColorOn('#ffffff')).toBe('#111827');
  });

  it('falls back to Parley blue for a colour that is not #rrggbb', () => {
    expect(brandColor('red; background: url(x)')).toBe('#2563eb');
    expect(brandColor(undefined)).toBe('#2563eb');
    expect(brandColor('#A1B2C3')).toBe('#A1B2C3');
  });
});
