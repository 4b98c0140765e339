// An amount of money as a person writes it in a budget: `40`, `$40`, `40 USD`, `USD 40`, `€35`.
// The currency, when written, is returned as an ISO code; `$` is the US dollar.

import { parseNumberText } from './reader.js';

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const SYMBOL = '[$€£]';
const CODE = '[A-Za-z]{3}';

export interface MoneyText {
  amount: number;
  /** Upper-case ISO code; undefined when none is written. */
  currency: string | undefined;
}

/** The amount and currency of `$40`, `40 USD`, `€35`, `EUR 35`, `35€`; undefined for anything else (a percentage included). */
export function parseMoneyText(text: string): MoneyText | undefined {
  const t = text.trim();
  const forms: [RegExp, (m: RegExpExecArray) => [string, string | undefined]][] = [
    [new RegExp(`^(${SYMBOL})\\s*(-?[^\\s]+)$`, 'u'), (m) => [m[2]!, SYMBOLS[m[1]!]]],
    [new RegExp(`^(-?[^\\s$€£]+)\\s*(${SYMBOL})$`, 'u'), (m) => [m[1]!, SYMBOLS[m[2]!]]],
    [new RegExp(`^(-?[^\\sA-Za-z]+)\\s+(${CODE})$`, 'u'), (m) => [m[1]!, m[2]!.toUpperCase()]],
    [new RegExp(`^(${CODE})\\s+(-?[^\\s]+)$`, 'u'), (m) => [m[2]!, m[1]!.toUpperCase()]],
    [/^([^\s]+)$/u, (m) => [m[1]!, undefined]],
  ];
  for (const [pattern, parts] of forms) {
    const m = pattern.exec(t);
    if (!m) continue;
    const [number, currency] = parts(m);
    if (number.endsWith('%')) return undefined;
    const amount = parseNumberText(number);
    return amount === undefined ? undefined : { amount, currency };
  }
  return undefined;
}
