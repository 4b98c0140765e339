// Rounding for people. Only renderers call these; reports stay unrounded.

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', CNY: '¥', JPY: '¥', INR: '₹', KRW: '₩' };

/** Money: two decimals from 1 up, four significant digits below (per-request costs are tiny). */
export function formatMoney(amount: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  const abs = Math.abs(amount);
  let digits: string;
  if (abs === 0) digits = '0.00';
  else if (abs >= 1) digits = abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  else digits = abs.toLocaleString('en-US', { maximumSignificantDigits: 4, minimumSignificantDigits: 2 });
  const sign = amount < 0 ? '-' : '';
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${digits} ${currency}`;
}

export function formatCount(n: number): string {
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatRate(n: number): string {
  return n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

export function formatShare(n: number): string {
  return `${(n * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

export function formatFactor(n: number): string {
  return `${n.toLocaleString('en-US', { maximumFractionDigits: n >= 10 ? 1 : 2 })}x`;
}
