// Budget amounts as people write them: a number, or a number with its currency.
import { describe, expect, it } from 'vitest';
import { parseMoneyText } from '../../src/scenario/money.js';

describe('parseMoneyText', () => {
  it('reads a symbol or an ISO code on either side', () => {
    expect(parseMoneyText('$40')).toEqual({ amount: 40, currency: 'USD' });
    expect(parseMoneyText('$ 40')).toEqual({ amount: 40, currency: 'USD' });
    expect(parseMoneyText('€35')).toEqual({ amount: 35, currency: 'EUR' });
    expect(parseMoneyText('35€')).toEqual({ amount: 35, currency: 'EUR' });
    expect(parseMoneyText('£0.5')).toEqual({ amount: 0.5, currency: 'GBP' });
    expect(parseMoneyText('40 USD')).toEqual({ amount: 40, currency: 'USD' });
    expect(parseMoneyText('40 usd')).toEqual({ amount: 40, currency: 'USD' });
    expect(parseMoneyText('CHF 1,200')).toEqual({ amount: 1200, currency: 'CHF' });
    expect(parseMoneyText('$1.5k')).toEqual({ amount: 1500, currency: 'USD' });
  });

  it('reads a bare number as an amount with no currency', () => {
    expect(parseMoneyText('40')).toEqual({ amount: 40, currency: undefined });
  });

  it('keeps the sign, for the caller to refuse', () => {
    expect(parseMoneyText('$-5')).toEqual({ amount: -5, currency: 'USD' });
  });

  it('reads nothing else: words, percentages, two currencies', () => {
    for (const text of ['$forty', 'forty', '50%', '$50%', '40 US dollars', '$40 USD', '']) expect(parseMoneyText(text)).toBeUndefined();
  });
});
