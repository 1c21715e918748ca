import { describe, expect, it } from 'vitest';
import { computeLine, formatCents, formatDecMin, formatDecTrimmed, parseDec, priceWithTax, roundDiv, toCents } from '../../src/sandbox/money.js';

describe('money (integer cents, no floats)', () => {
  it('rounds half away from zero', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(toCents('0.005')).toBe(1n);
    expect(toCents('-0.005')).toBe(-1n);
  });

  it('formats amounts and quantities', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(23032n)).toBe('230.32');
    expect(formatDecTrimmed(parseDec('2.500'))).toBe('2.5');
    expect(formatDecTrimmed(parseDec('1.0'))).toBe('1');
    expect(formatDecMin(parseDec('10'), 2)).toBe('10.00');
    expect(formatDecMin(parseDec('0.123456'), 2)).toBe('0.123456');
  });

  it('computes line amounts exactly, where floats would drift', () => {
    // 0.1 + 0.2 style traps: 3 × 0.10 at 20 %
    expect(computeLine('3', '0.10', 'FR_200', null)).toEqual({ beforeTax: 30n, tax: 6n, total: 36n });
    // 2.5 days at 550.00 with 10 % off, 5.5 % VAT: 1237.50 → tax 68.0625 → 68.06
    expect(computeLine('2.5', '550.00', 'FR_55', { type: 'relative', value: '10' })).toEqual({ beforeTax: 123750n, tax: 6806n, total: 130556n });
    // 1500 words at 0.12
    expect(computeLine('1500', '0.12', 'FR_200', null)).toEqual({ beforeTax: 18000n, tax: 3600n, total: 21600n });
    // negated lines are exact negations (credit notes)
    const pos = computeLine('3', '19.99', 'FR_55', { type: 'relative', value: '15' });
    const neg = computeLine('3', '-19.99', 'FR_55', { type: 'relative', value: '15' });
    expect(neg).toEqual({ beforeTax: -pos.beforeTax, tax: -pos.tax, total: -pos.total });
    expect(computeLine('2', '100.00', 'exempt', { type: 'absolute', value: '15.50' })).toEqual({ beforeTax: 18450n, tax: 0n, total: 18450n });
  });

  it('prices include VAT from the code', () => {
    expect(priceWithTax('100.00', 'FR_200')).toBe('120.00');
    expect(priceWithTax('9.90', 'FR_55')).toBe('10.44'); // 10.4445
    expect(priceWithTax('19.99', 'FR_21')).toBe('20.41'); // 20.40979
    expect(priceWithTax('50.00', 'exempt')).toBe('50.00');
  });
});
