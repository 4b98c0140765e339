// Rounding for people: what a cell shows for a given number, including the far ends a scan or a
// simulation can reach (1e-300 users, 11^300 in a forecast).

import { describe, expect, it } from 'vitest';
import { formatCount, formatCountOf, formatFactor, formatMoney, formatRate, formatShare, formatTokens, groupDigits } from '../src/formats/numbers.js';

describe('numbers for people', () => {
  it('groups thousands and rounds to the decimals asked', () => {
    expect(groupDigits(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupDigits(-1234.5, 0)).toBe('-1,235'); // toFixed rounds half away from zero here
    expect(groupDigits(-0.001, 2)).toBe('0.00'); //    no "-0.00"
  });

  it('shows money with two decimals from 1 up and four significant digits below', () => {
    expect(formatMoney(1029.594, 'USD')).toBe('$1,029.59');
    expect(formatMoney(0.017125, 'USD')).toBe('$0.01713'); // 4 significant digits
    expect(formatMoney(0.5, 'EUR')).toBe('€0.50'); //          at least two decimals
    expect(formatMoney(12, 'CHF')).toBe('12.00 CHF'); //        no symbol: the code after
    expect(formatMoney(-3, 'USD')).toBe('-$3.00');
  });

  it('writes the far ends in exponent form instead of failing or grouping "1e+21"', () => {
    expect(formatMoney(3e-300, 'USD')).toBe('$3.000e-300');
    expect(formatRate(1.5e-100)).toBe('1.50e-100');
    expect(groupDigits(2.5e21, 2)).toBe('2.50e+21');
    expect(formatMoney(Infinity, 'USD')).toBe('$Infinity');
  });

  it('counts, rates, shares, factors and tokens', () => {
    expect(formatCount(40048.4)).toBe('40,048');
    expect(formatCount(2.345)).toBe('2.35'); // below 100: two decimals, trailing zeros dropped
    expect(formatCount(2.5)).toBe('2.5');
    expect(formatRate(0.0015218)).toBe('0.00152'); // 3 significant digits
    expect(formatShare(0.503)).toBe('50.3%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatFactor(15)).toBe('15x');
    expect(formatFactor(1.954)).toBe('1.95x');
    expect(formatTokens(9_999)).toBe('9,999');
    expect(formatTokens(45_000)).toBe('45k');
    expect(formatTokens(152_400)).toBe('152k');
    expect(formatTokens(1_250_000)).toBe('1.25M');
  });
});

describe('formatCountOf', () => {
  it('groups the digits and makes the noun singular for exactly one', () => {
    expect(formatCountOf(1, 'model')).toBe('1 model');
    expect(formatCountOf(0, 'model')).toBe('0 models');
    expect(formatCountOf(1_000_000_000, 'sequence')).toBe('1,000,000,000 sequences');
    expect(formatCountOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(formatCountOf(131_072, 'entry', 'entries')).toBe('131,072 entries');
  });
});
