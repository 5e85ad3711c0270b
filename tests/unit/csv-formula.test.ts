import { describe, expect, it } from 'vitest';
import { neutralizeFormula, safeCsv } from '../../lib/sheets/formula';

describe('neutralizeFormula (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+7 (912) 345-67-89', `'+7 (912) 345-67-89`],
    ['-2+3', `'-2+3`],
    ['-55.1', `'-55.1`],
    ['@SUM(1)', `'@SUM(1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['＝1+1', `'＝1+1`],
    ['ул. Ленина =1', 'ул. Ленина =1'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'=already", "'=already"],
    ['Яма у дома 12', 'Яма у дома 12'],
  ])('%j → %j', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it('leaves numbers, booleans, dates and empty values as they are: a negative number typed as a number is no formula', () => {
    const d = new Date('2025-04-02T09:15:00Z');
    expect(neutralizeFormula(-55.1)).toBe(-55.1);
    expect(neutralizeFormula(-0)).toBe(-0);
    expect(neutralizeFormula(12n)).toBe(12n);
    expect(neutralizeFormula(false)).toBe(false);
    expect(neutralizeFormula(d)).toBe(d);
    expect(neutralizeFormula(null)).toBeNull();
    expect(neutralizeFormula(undefined)).toBeUndefined();
  });
});

describe('safeCsv', () => {
  it('writes CSV whose string cells cannot start a formula, numbers unchanged', () => {
    expect(
      safeCsv([
        ['row', 'id', 'text', 'lon'],
        [3, '@SUM(1)', '=HYPERLINK("http://x","y")', -55.1],
      ]),
    ).toBe(`row,id,text,lon\n3,'@SUM(1),"'=HYPERLINK(""http://x"",""y"")",-55.1\n`);
  });
});
