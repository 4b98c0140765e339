// Unit constants and conversions, in one place. Every other module uses these names.

/** A month is 730 hours (8,760 hours a year / 12), as cloud providers bill it. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR;
/** Catalogue token prices are per million tokens. */
export const TOKENS_PER_MTOK = 1_000_000;
export const MS_PER_DAY = 86_400_000;
/** Prices older than this many days are flagged in every report. */
export const STALE_PRICE_DAYS = 90;

declare const unit: unique symbol;
/** An amount of money in some currency (the currency travels beside it, never inside). */
export type Money = number & { readonly [unit]: 'money' };
/** A price per million tokens. */
export type PricePerMtok = number & { readonly [unit]: 'price-per-mtok' };

export const money = (n: number): Money => n as Money;
export const perMtok = (n: number): PricePerMtok => n as PricePerMtok;

/** The cost of `tokens` tokens at `price` per million. */
export function tokenCost(tokens: number, price: PricePerMtok): Money {
  return money((tokens * price) / TOKENS_PER_MTOK);
}

/** Whole days from an ISO date (YYYY-MM-DD) to `today` (same form). */
export function daysBetween(fromIsoDate: string, todayIsoDate: string): number {
  return Math.floor((Date.parse(todayIsoDate) - Date.parse(fromIsoDate)) / MS_PER_DAY);
}

/** Memory sizes: GPUs report GiB (an "80 GB" H100 holds 80 GiB); bandwidth is quoted in GB/s. */
export const BYTES_PER_GIB = 2 ** 30;
export const BYTES_PER_GB = 1e9;
export const FLOPS_PER_TFLOP = 1e12;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
export const WATTS_PER_KW = 1000;

/** Whether text is a real calendar date YYYY-MM-DD: the shape is not enough (2026-02-30, 2026-13-45). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Thousands separators by hand, for reports and messages alike: the first toLocaleString call
 * costs about 30 ms of start-up.
 */
/** 1234567.891, 2 -> "1,234,567.89" */
export function groupDigits(n: number, decimals: number): string {
  // toFixed writes 1e21 and up in exponent form; so does this, rather than grouping "1e+21".
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toPrecision(3);
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A price per 1M tokens below this (a thousandth of a cent) is a price per token written where a
 * price per 1M belongs: LiteLLM's unit, off by a million.
 */
export const PER_MTOK_FLOOR = 0.001;
