// Rounding for people. Only renderers call these; reports stay unrounded.
// Hand-rolled rather than toLocaleString: the first Intl call costs ~30 ms of start-up.

import { groupDigits } from '../units.js';

export { groupDigits };

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CNY: '¥', JPY: '¥', INR: '₹', KRW: '₩' };

/** Up to `significant` significant digits, trailing zeros dropped (but at least `minDecimals`). */
function significant(n: number, digits: number, minDecimals = 0): string {
  if (n === 0) return minDecimals > 0 ? `0.${'0'.repeat(minDecimals)}` : '0';
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  // Far below anything billed (a scan down to 1e-300 users): exponent form, not 300 decimals.
  if (magnitude < -12) return n.toPrecision(digits);
  const decimals = Math.max(0, digits - 1 - magnitude);
  let text = groupDigits(n, decimals);
  if (text.includes('.')) {
    text = text.replace(/0+$/, '');
    const have = text.length - text.indexOf('.') - 1;
    if (have < minDecimals) text += '0'.repeat(minDecimals - have);
    text = text.replace(/\.$/, '');
  }
  return text;
}

/** Money: two decimals from 1 up, four significant digits below (per-request costs are tiny). */
export function formatMoney(amount: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  const abs = Math.abs(amount);
  const digits = abs >= 1 || abs === 0 ? groupDigits(abs, 2) : significant(abs, 4, 2);
  const sign = amount < 0 ? '-' : '';
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${digits} ${currency}`;
}

export function formatCount(n: number): string {
  if (Math.abs(n) >= 100) return groupDigits(Math.round(n), 0);
  return groupDigits(Math.round(n * 100) / 100, 2).replace(/\.?0+$/, '');
}

/** A count with its noun, the noun singular for exactly one: "1 model", "2,048 sequences". */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatRate(n: number): string {
  return significant(n, 3);
}

export function formatShare(n: number): string {
  return `${groupDigits(Math.round(n * 1000) / 10, 1).replace(/\.0$/, '')}%`;
}

export function formatFactor(n: number): string {
  return `${groupDigits(n, n >= 10 ? 1 : 2).replace(/\.?0+$/, '')}x`;
}

/** Token counts in a cell: 2,400 / 45k / 152k / 1.25M. */
export function formatTokens(n: number): string {
  const abs = Math.abs(n);
  if (abs < 10_000) return formatCount(n);
  if (abs < 1_000_000) return `${groupDigits(n / 1000, abs < 100_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${groupDigits(n / 1e6, 2).replace(/\.?0+$/, '')}M`;
}

/**
 * The typical error of a figure, in words: "typically ±30%: vLLM on datacenter GPUs, 41
 * measurements", or "typically -22% to +31%: ..." when the band is lopsided; "" for a measured
 * figure; the basis alone ("no validation data for this kind") when there is no band.
 */
export function bandText(b: { value: number; low: number | null; high: number | null; basis: string }): string {
  if (b.basis === 'measured') return '';
  if (b.low === null || b.high === null || b.value <= 0) return b.basis;
  const below = Math.round((b.low / b.value - 1) * 100);
  const above = Math.round((b.high / b.value - 1) * 100);
  const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '-' : '±'}${Math.abs(n)}%`;
  const spread = -below === above ? `±${above}%` : `${signed(below)} to ${signed(above)}`;
  return `typically ${spread}: ${b.basis}`;
}

/** "~1,850 tokens/s (typically ±30%: ...)"; a measured figure plain: "1,850 tokens/s". */
export function banded(b: { value: number; low: number | null; high: number | null; basis: string }, unit: string): string {
  const text = bandText(b);
  return text ? `~${formatRate(b.value)} ${unit} (${text})` : `${formatRate(b.value)} ${unit}`;
}
