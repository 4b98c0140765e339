// The rank tables as the build ships them in dist/tokens/: one token a line, in rank order, instead
// of gpt-tokenizer's JavaScript array literal. Node reads and splits 2 MB of text in a fraction of
// the time it takes to parse and compile a 200,000-element literal (npm run bench: the load before
// the first count). A line holds the token's text with `\` and line feeds escaped (`\\`, `\n`);
// a token that is not valid UTF-8 on its own (gpt-tokenizer keeps those as byte arrays) is `\b`
// and its bytes in decimal, comma-separated. Pure.

export type RankEntry = string | readonly number[];

const BYTES = '\\b';

export function encodeRanks(ranks: readonly RankEntry[]): string {
  return ranks.map((token) => (typeof token === 'string' ? token.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : `${BYTES}${token.join(',')}`)).join('\n');
}

export function decodeRanks(text: string): RankEntry[] {
  const lines: RankEntry[] = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    // Only lines with a backslash need more than the split (a few hundred of 200,000).
    if (line.indexOf('\\') < 0) continue;
    lines[i] = line.startsWith(BYTES) ? line.slice(BYTES.length).split(',').map(Number) : line.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return lines;
}
