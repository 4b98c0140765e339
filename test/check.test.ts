// llm-tco check: verdicts and exit codes, the formats CI reads, and the diff against a baseline.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeIo, ROOT, runCli, typed } from './helpers.js';

const CHECK = typed('test', 'fixtures', 'check');
const f = (name: string) => `${CHECK}/${name}`;
const INVALID = typed('test', 'fixtures', 'check-invalid', 'broken.yaml');

describe('verdicts and exit codes', () => {
  // Each fixture: 1,000 requests x (1,000 x $1 + 1,000 x $2) / 1M = $3.00 a month.
  it('exits 0 when every scenario is within its budget', async () => {
    const run = await runCli(['check', f('within.yaml'), '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.scenarios[0].checks[0]).toMatchObject({ limit: 'monthly', budget: 10, value: 3, status: 'ok' });
    expect(r.scenarios[0].checks[0].share).toBeCloseTo(0.3, 12);
  });

  it('exits 1 when one is over, says by how much and what to change', async () => {
    const run = await runCli(['check', f('within.yaml'), f('over.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('monthly cost $3.00 is over the $2.50 budget by $0.50 (120% of it)');
    expect(run.stdout).toContain('-> switch to cheap, which fits every limit'); // $1.50
    expect(run.stdout).toContain("-> cut m's cost by 17% to meet the monthly budget"); // 1 - 2.5/3
    // Where the limit lives: over.yaml's line 9 is `  monthly: 2.5`.
    expect(readFileSync(f('over.yaml'), 'utf8').split('\n')[8]).toBe('  monthly: 2.5');
    expect(run.stdout).toContain(`-> cut m's cost by 17% to meet the monthly budget\n          -> or raise budget.monthly at ${f('over.yaml')}:9\n`);
  });

  it('names the flag that set a limit that failed', async () => {
    const run = await runCli(['check', f('within.yaml'), '--budget', 'monthly=1', '--budget', 'per_request=0.01']);
    expect(run.code).toBe(1);
    // $3.00 over $1.00; $0.003 a request is within $0.01
    expect(run.stdout).toContain('-> or raise --budget monthly=... on the command line');
    expect(run.stdout).not.toContain('--budget per_request=...');
  });

  it("converts the scenario's budget into the report's currency with the costs", async () => {
    // over.yaml is in USD: $3.00 a month against $2.50. At --fx EUR=0.5 both halve: €1.50 against
    // €1.25, still 120%. Before, the budget stayed 2.50 and was compared as if it were euros.
    const run = await runCli(['check', f('over.yaml'), '--currency', 'EUR', '--fx', 'EUR=0.5', '--format', 'json']);
    expect(run.code).toBe(1);
    const check = JSON.parse(run.stdout).scenarios[0].checks[0];
    expect(check.budget).toBeCloseTo(2.5 * 0.5, 12);
    expect(check.value).toBeCloseTo(3 * 0.5, 12);
    expect(check.over_by).toBeCloseTo(1.5 - 1.25, 12);
    // --budget is in the report's currency: €1.60 holds €1.50.
    expect((await runCli(['check', f('over.yaml'), '--currency', 'EUR', '--fx', 'EUR=0.5', '--budget', '1.60'])).code).toBe(0);
  });

  it('names a --budget-option that is no option, with the suggestion other commands give', async () => {
    const run = await runCli(['check', f('over.yaml'), '--budget-option', 'chep']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${f('over.yaml')}: budget.option: no option is named 'chep' (did you mean 'cheap'?)`);
    const json = JSON.parse((await runCli(['check', f('over.yaml'), '--budget-option', 'chep', '--format', 'json'])).stdout);
    expect(json.scenarios[0].problems[0]).toMatchObject({ path: 'budget.option', message: "no option is named 'chep'", hint: "did you mean 'cheap'?" });
  });

  it('refuses --max-increase without a baseline, which would ignore it', async () => {
    const run = await runCli(['check', f('within.yaml'), '--max-increase', '10%']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-increase: needs a baseline to compare with (add --baseline DIR, --baseline-ref REF or --compare-to FILE, e.g. --baseline-ref origin/main)');
  });

  it('says a scenario is not read from standard input', async () => {
    const run = await runCli(['check', '-']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('-: a scenario cannot be read from standard input (give its file: the prompt files it names are found beside it)');
  });

  it('converts every kind of limit, per request, session and user, not only the monthly one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-limits-'));
    try {
      // 1,000 requests of 1,000 in + 1,000 out at $1 / $2 per 1M: $0.003 a request; 1 user, 1 session
      // of 1,000 requests: $3 a session and a user. Limits in USD, report in EUR at 0.5 per USD.
      const file = join(dir, 'limits.yaml');
      writeFileSync(file, 'traffic: {users: 1, sessions_per_user: 1, requests_per_session: 1000}\nworkload: {kind: chat, input: 1000, output: 1000, history: none}\noptions:\n  - api: {name: m, input: 1, output: 2}\nbudget:\n  per_request: 0.002\n  per_session: 4\n  per_user: 2\n');
      const run = await runCli(['check', file, '--currency', 'EUR', '--fx', 'EUR=0.5', '--format', 'json']);
      const checks = JSON.parse(run.stdout).scenarios[0].checks as { limit: string; budget: number; value: number; status: string }[];
      const by = Object.fromEntries(checks.map((c) => [c.limit, c]));
      expect(by.per_request!.budget).toBeCloseTo(0.002 * 0.5, 12);
      expect(by.per_request!.value).toBeCloseTo(0.003 * 0.5, 12);
      expect(by.per_session!.budget).toBeCloseTo(4 * 0.5, 12);
      expect(by.per_session!.value).toBeCloseTo(3 * 0.5, 12);
      expect(by.per_session!.status).toBe('ok'); // €1.50 of €2.00 = 75%, under the 80% warning line
      expect(by.per_user!.budget).toBeCloseTo(2 * 0.5, 12);
      expect(by.per_user!.value).toBeCloseTo(3 * 0.5, 12);
      // €0.0015 over €0.001 a request and €1.50 over €1.00 a user: over
      expect([by.per_request!.status, by.per_user!.status, run.code]).toEqual(['over', 'over', 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a budget written with its currency', () => {
    /** within.yaml's scenario ($3.00 a month: 1,000 x (1,000 x $1 + 1,000 x $2) / 1M) with this budget. */
    async function checkWith(budget: string, ...flags: string[]) {
      const dir = mkdtempSync(join(tmpdir(), 'llm-tco-money-'));
      const file = join(dir, 'b.yaml');
      writeFileSync(file, `traffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: {name: m, input: 1, output: 2}\nbudget:\n  monthly: ${budget}\n`);
      try {
        const table = await runCli(['check', file, ...flags]);
        const json = await runCli(['check', file, ...flags, '--format', 'json']);
        return { file, table, report: JSON.parse(json.stdout) };
      } finally {
        rmSync(dir, { recursive: true });
      }
    }

    it('takes $2.50 and 2.5 USD in a USD scenario as 2.50, with nothing to convert', async () => {
      for (const written of ['$2.50', '2.5 USD', 'USD 2.5']) {
        const { table, report } = await checkWith(written);
        expect(table.code).toBe(1);
        expect(table.stdout).toContain('monthly cost $3.00 is over the $2.50 budget by $0.50 (120% of it)');
        expect(report.scenarios[0].checks[0].budget).toBe(2.5);
        expect(report.scenarios[0].checks[0].written).toBeUndefined();
      }
    });

    it('converts €2.50 to the report currency and says at what rate', async () => {
      // --fx EUR=0.5: 0.5 EUR per 1 USD, so 1 EUR = 2 USD and €2.50 = $5.00; $3.00 is 60% of it.
      const { table, report } = await checkWith('€2.50', '--fx', 'EUR=0.5');
      expect(table.code).toBe(0);
      const check = report.scenarios[0].checks[0];
      expect(check.budget).toBeCloseTo(2.5 / 0.5, 12);
      expect(check.share).toBeCloseTo(3 / 5, 12);
      expect(check.written).toEqual({ amount: 2.5, currency: 'EUR', rate: 2 });
      expect(table.stdout).toContain('monthly cost $3.00 is within the $5.00 budget (€2.50 at 2 USD per EUR) (60% of it)');
    });

    it("says so when the scenario's own currency is converted for --currency", async () => {
      // $2.50 at --fx EUR=0.5 is €1.25; €1.50 is over it by €0.25.
      const { table, report } = await checkWith('2.5', '--currency', 'EUR', '--fx', 'EUR=0.5');
      expect(report.scenarios[0].checks[0].written).toEqual({ amount: 2.5, currency: 'USD', rate: 0.5 });
      expect(table.stdout).toContain('monthly cost €1.50 is over the €1.25 budget ($2.50 at 0.5 EUR per USD) by €0.25 (120% of it)');
    });

    it('refuses a currency it has no rate for, at the limit', async () => {
      const { file, table } = await checkWith('40 XYZ');
      expect(table.code).toBe(2);
      expect(table.stdout).toContain(`${file}:6:3: budget.monthly: is in XYZ and the report in USD, with no XYZ rate to convert it (add --fx XYZ=RATE, units of XYZ per 1 USD)`);
    });

    it('refuses an amount it cannot read once, with the forms it takes', async () => {
      const { file, table } = await checkWith('$forty');
      expect(table.code).toBe(2);
      const problems = table.stdout.split('\n').filter((l) => l.includes('budget.') || l.includes(': budget:'));
      expect(problems).toEqual([`          ${file}:6:12: budget.monthly: must be an amount of money, got '$forty' (write a number in the scenario's currency, e.g. 40, or with its currency: $40, 40 USD, €35)`]);
      const negative = await checkWith('$-5');
      expect(negative.table.stdout).toContain("budget.monthly: must not be negative, got '$-5'");
    });
  });

  it('refuses a budget in a currency it has no rate for, naming the budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-xyz-'));
    try {
      const file = join(dir, 'xyz.yaml');
      writeFileSync(file, 'currency: XYZ\ntraffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: openai/gpt-4o-mini\nbudget:\n  monthly: 5\n');
      const run = await runCli(['check', file, '--currency', 'USD']);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain(`${file}:7:3: budget: is in XYZ and the report in USD, with no XYZ rate to convert it (add --fx XYZ=RATE, units of XYZ per 1 USD)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns at the threshold without failing, and fails on it with --strict', async () => {
    // $3.00 / $3.75 = 80% exactly: the default warning threshold
    const run = await runCli(['check', f('warn.yaml'), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scenarios[0].status).toBe('warn');
    expect((await runCli(['check', f('warn.yaml'), '--strict'])).code).toBe(1);
    expect((await runCli(['check', f('warn.yaml'), '--warn-at', '81%'])).code).toBe(0);
  });

  it('exits 2 for an invalid scenario among valid ones, and still checks the others', async () => {
    const run = await runCli(['check', f('within.yaml'), INVALID, f('over.yaml'), '--format', 'json']);
    expect(run.code).toBe(2);
    const r = JSON.parse(run.stdout);
    expect(r.scenarios.map((s: { status: string }) => s.status)).toEqual(['ok', 'invalid', 'over']);
    expect(r.scenarios[1].problems[0]).toMatchObject({ location: { file: INVALID, line: 2, col: 31 }, path: 'traffic.requests_per_month' });
  });

  it('takes --budget for a one-off check', async () => {
    expect((await runCli(['check', f('within.yaml'), '--budget', 'monthly=2'])).code).toBe(1);
    expect((await runCli(['check', f('within.yaml'), '--budget', '2.99'])).code).toBe(1);
    expect((await runCli(['check', f('within.yaml'), '--budget', 'per_request=0.003'])).code).toBe(0); // at the limit is within it
    const bad = await runCli(['check', f('within.yaml'), '--budget', 'weekly=2']);
    expect(bad.code).toBe(2);
    expect(bad.errorLines).toEqual(["llm-tco: command line: --budget: unknown limit 'weekly' (use monthly, per_request, per_session, per_user, max_tier, e.g. --budget monthly=500)"]);
  });

  it('fails max_tier when the peak needs a higher rate-limit tier, naming the line', async () => {
    const busy = typed('test', 'fixtures', 'check-tier', 'busy.yaml');
    const limits = ['--pricing', 'test/fixtures/check-tier/limits.yaml'];
    const run = await runCli(['check', busy, ...limits]);
    // 120 requests x 1,200 tokens = 144,000 tokens a minute: over tier 1's 100,000, within tier 2's 200,000.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rate-limit tier needed at peak, Tier 2, is over the max_tier 1 budget');
    expect(run.stdout).toContain(`-> or raise budget.max_tier at ${busy}:6`);
    expect((await runCli(['check', busy, ...limits, '--budget', 'max_tier=2'])).code).toBe(0);
    const bad = await runCli(['check', busy, ...limits, '--budget', 'max_tier=2.5']);
    expect(bad.code).toBe(2);
    expect(bad.errorLines).toEqual(["llm-tco: command line: --budget: max_tier is a whole rate-limit tier of at least 1, got 'max_tier=2.5' (e.g. --budget max_tier=3)"]);
    // Not a number at all: the same message, not the one for amounts of money.
    const word = await runCli(['check', busy, ...limits, '--budget', 'max_tier=x']);
    expect(word.code).toBe(2);
    expect(word.errorLines).toEqual(["llm-tco: command line: --budget: max_tier is a whole rate-limit tier of at least 1, got 'max_tier=x' (e.g. --budget max_tier=3)"]);
  });

  it('treats a pattern that matches nothing as an error, not a pass', async () => {
    const run = await runCli(['check', 'test/fixtures/check/*.yml']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(['llm-tco: test/fixtures/check/*.yml: matches no scenario files']);
  });
});

describe('the age of the prices', () => {
  // The negotiated gpt-4o-mini of the fixture is dated 2026-11-01; the tests' today is 2026-11-25:
  // 25 - 1 = 24 days old.
  const PRICING = ['--pricing', 'test/fixtures/pricing/cheaper-mini.yaml'];
  function catalogued(): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-age-'));
    const file = join(dir, 'mini.yaml');
    writeFileSync(file, 'traffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: openai/gpt-4o-mini\nbudget:\n  monthly: 10\n');
    return { dir, file };
  }

  it('heads the check with the date and age of the oldest price it used', async () => {
    const { dir, file } = catalogued();
    const table = await runCli(['check', file, ...PRICING]);
    const json = JSON.parse((await runCli(['check', file, ...PRICING, '--format', 'json'])).stdout);
    const markdown = (await runCli(['check', file, ...PRICING, '--format', 'markdown'])).stdout;
    rmSync(dir, { recursive: true });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('prices as of 2026-11-01 (24 days old)');
    expect(json.prices).toEqual({ today: '2026-11-25', oldest_as_of: '2026-11-01', age_days: 24, oldest_in: file, stale: false, max_age_days: null, too_old: false });
    // First the hidden marker a pull-request comment is found by, then the heading.
    expect(markdown.startsWith('<!-- llm-tco:check -->\n### llm-tco budget check\n\nprices as of 2026-11-01 (24 days old)\n')).toBe(true);
  });

  it('fails with exit 1 and one line when the prices are older than --max-price-age', async () => {
    const { dir, file } = catalogued();
    const old = await runCli(['check', file, ...PRICING, '--max-price-age', '23']);
    const fresh = await runCli(['check', file, ...PRICING, '--max-price-age', '24']);
    const github = await runCli(['check', file, ...PRICING, '--max-price-age', '23', '--format', 'github']);
    const saved = join(dir, 'out.json');
    const toFile = await runCli(['check', file, ...PRICING, '--max-price-age', '23', '--format', 'json', '-o', saved]);
    const json = JSON.parse(readFileSync(saved, 'utf8'));
    rmSync(dir, { recursive: true });
    const line = 'prices as of 2026-11-01 (24 days old): older than --max-price-age 23 allows, so the check fails (update llm-tco for newer prices, or layer your own with --pricing FILE)';
    expect(old.code).toBe(1);
    expect(old.stdout.split('\n')[0]).toBe(`PRICES    ${line}`);
    expect(fresh.code).toBe(0); // 24 days is not older than 24
    expect(github.stdout).toContain(`::error title=Prices too old::${line}`);
    expect(toFile.code).toBe(1);
    expect(toFile.stderr).toBe(`llm-tco: ${line}\n`);
    expect(json.prices).toMatchObject({ age_days: 24, max_age_days: 23, too_old: true });
    expect(json.exit_code).toBe(1);
  });

  it('has nothing to age in inline prices, and refuses a --max-price-age that is no number of days', async () => {
    const inline = await runCli(['check', f('within.yaml'), '--max-price-age', '0']);
    expect(inline.code).toBe(0);
    expect(inline.stdout.split('\n')[0]).toBe('inline prices only');
    const bad = await runCli(['check', f('within.yaml'), '--max-price-age', '90d']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-price-age: expected a whole number of days such as 90, got '90d'");
  });
});

describe('formats for CI', () => {
  it('github: workflow commands at the budget line that failed', async () => {
    const run = await runCli(['check', f('over.yaml'), f('warn.yaml'), INVALID, '--format', 'github']);
    expect(run.stdout.split('\n')).toEqual([
      `::error file=${f('over.yaml')},line=9,col=3,title=Over budget::m: monthly cost $3.00 is over the $2.50 budget by $0.50 (120%25 of it). ` +
        `To fix: switch to cheap, which fits every limit; cut m's cost by 17%25 to meet the monthly budget; or raise budget.monthly at ${f('over.yaml')}:9; output is 67%25 of the bill: cap output tokens (max_tokens) or use a model with cheaper output.`,
      `::warning file=${f('warn.yaml')},line=8,col=3,title=Near budget::m: monthly cost $3.00 is 80%25 of the $3.75 budget (warning at 80%25).`,
      `::error file=${INVALID},line=2,col=31,title=Invalid scenario::traffic.requests_per_month: must not be negative, got -5`,
      'inline prices only',
      '3 scenarios: 0 within budget, 1 near it, 1 over, 1 invalid',
      '',
    ]);
  });

  it('github: appends the markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const io = fakeIo({ NO_COLOR: '1', GITHUB_STEP_SUMMARY: summary });
    await runCli(['check', f('within.yaml'), f('over.yaml'), '--format', 'github'], io);
    const text = readFileSync(summary, 'utf8');
    rmSync(dir, { recursive: true });
    expect(text.startsWith('# earlier step\n<!-- llm-tco:check -->\n### llm-tco budget check')).toBe(true);
    expect(text).toContain(`| ❌ | \`${f('over.yaml')}\` | m | $3.00 | $2.50 | monthly cost $3.00 is over the $2.50 budget by $0.50 (120% of it) |`);
  });

  it('markdown: a PR comment body', async () => {
    const run = await runCli(['check', f('within.yaml'), '--format', 'markdown']);
    expect(run.stdout).toContain('### llm-tco budget check');
    expect(run.stdout).toContain(`| ✅ | \`${f('within.yaml')}\` | m | $3.00 | $10.00 | within budget |`);
  });
});

it('names an invalid scenario on stderr when the report goes to a file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-tco-out-'));
  const run = await runCli(['check', 'nosuch.yaml', '--out', join(dir, 'report.txt')]);
  const written = readFileSync(join(dir, 'report.txt'), 'utf8');
  rmSync(dir, { recursive: true });
  expect(run.code).toBe(2);
  expect(run.errorLines).toEqual(['llm-tco: nosuch.yaml: no such file']);
  expect(written).toContain('INVALID');
});

it('checks a folder given by its absolute path', async () => {
  const run = await runCli(['check', join(ROOT, CHECK), '--format', 'json']);
  const files = JSON.parse(run.stdout).scenarios.map((v: { file: string }) => v.file);
  expect(files).toContain(join(ROOT, CHECK, 'within.yaml'));
  expect(files.length).toBeGreaterThan(1);
});

describe('with --pricing', () => {
  /** Two scenarios on the negotiated gpt-4o-mini of the fixture (0.1 / 0.4 per 1M), and a baseline folder holding the first. */
  function pricedScenarios(): { dir: string; files: string[]; base: string } {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-priced-'));
    const text = 'traffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: openai/gpt-4o-mini\n';
    const files = ['a', 'b'].map((name) => join(dir, `${name}.yaml`));
    for (const file of files) writeFileSync(file, `name: ${file}\n${text}`);
    const base = join(dir, 'base');
    mkdirSync(join(base, dir), { recursive: true });
    cpSync(files[0]!, join(base, files[0]!));
    return { dir, files, base };
  }

  it('prices every scenario and the baseline from the same file', async () => {
    const { dir, files, base } = pricedScenarios();
    const run = await runCli(['check', ...files, '--pricing', 'test/fixtures/pricing/cheaper-mini.yaml', '--baseline', base, '--format', 'json']);
    rmSync(dir, { recursive: true });
    const r = JSON.parse(run.stdout);
    // 1,000 requests x (1,000 x $0.1 + 1,000 x $0.4) / 1M = $0.50, in both scenarios and in the baseline
    expect(r.scenarios.map((s: { monthly_cost: number }) => s.monthly_cost)).toEqual([0.5, 0.5]);
    expect(r.baseline.scenarios.map((d: { status: string; old_monthly: number | null }) => [d.status, d.old_monthly])).toEqual([['unchanged', 0.5], ['added', null]]);
  });

  it('fails every scenario on a --pricing file that does not read, not only the first', async () => {
    const { dir, files } = pricedScenarios();
    const run = await runCli(['check', ...files, '--pricing', 'test/fixtures/bad-pricing/bad-date.yaml', '--format', 'json']);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(2);
    const problems = JSON.parse(run.stdout).scenarios.map((s: { status: string; problems: { message: string }[] }) => [s.status, s.problems[0]?.message]);
    expect(problems).toEqual([0, 1].map(() => ['invalid', "must be a date written YYYY-MM-DD, got '2026-13-01'"]));
  });
});

describe('against a baseline', () => {
  /** A baseline folder holding the check fixtures as they "were": over.yaml cheaper, one more, one fewer. */
  function baselineDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    cpSync(f('within.yaml'), join(dir, CHECK, 'within.yaml'));
    writeFileSync(join(dir, CHECK, 'over.yaml'), readFileSync(f('over.yaml'), 'utf8').replace('input: 1, output: 2}', 'input: 1, output: 1.5}'));
    writeFileSync(join(dir, CHECK, 'gone.yaml'), readFileSync(f('within.yaml'), 'utf8'));
    return dir;
  }

  it('lists changed, unchanged, added and removed scenarios with old and new costs', async () => {
    const dir = baselineDir();
    const run = await runCli(['check', `${CHECK}/`, '--baseline', dir, '--format', 'json']);
    rmSync(dir, { recursive: true });
    const diffs = JSON.parse(run.stdout).baseline.scenarios;
    const byFile = Object.fromEntries(diffs.map((d: { file: string }) => [d.file, d]));
    // over.yaml's option m: before 1000 x (1000 x 1 + 1000 x 1.5) / 1M = $2.50, now $3.00: +20%
    expect(byFile[f('over.yaml')]).toMatchObject({ status: 'changed', option: 'm', old_monthly: 2.5, new_monthly: 3 });
    expect(byFile[f('over.yaml')].change_share).toBeCloseTo(0.2, 12);
    expect(byFile[f('within.yaml')].status).toBe('unchanged');
    expect(byFile[f('warn.yaml')].status).toBe('added');
    expect(byFile[`${CHECK}/gone.yaml`]).toMatchObject({ status: 'removed', old_monthly: 3 });
  });

  it('fails above --max-increase', async () => {
    const dir = baselineDir();
    const loose = await runCli(['check', f('within.yaml'), f('over.yaml'), '--budget', 'monthly=100', '--baseline', dir, '--max-increase', '25%']);
    const tight = await runCli(['check', f('within.yaml'), f('over.yaml'), '--budget', 'monthly=100', '--baseline', dir, '--max-increase', '10%']);
    rmSync(dir, { recursive: true });
    expect(loose.code).toBe(0);
    expect(tight.code).toBe(1);
    expect(tight.stdout).toContain(`~ ${f('over.yaml')} (m): $2.50 -> $3.00 +$0.50 (+20%)  OVER --max-increase`);
  });

  it('fails when a baseline scenario does not read, rather than counting it as new', async () => {
    const dir = baselineDir();
    writeFileSync(join(dir, CHECK, 'over.yaml'), 'name: [oops\n');
    const run = await runCli(['check', f('over.yaml'), '--budget', 'monthly=100', '--baseline', dir, '--max-increase', '10%']);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${dir}:${f('over.yaml')}:1:7: name: invalid YAML: this [ is never closed (end it with ])`);
    expect(run.stdout).not.toContain('new,');
  });

  it('reads the baseline from a git ref', () => {
    const repo = mkdtempSync(join(tmpdir(), 'llm-tco-git-'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8' });
    mkdirSync(join(repo, 'scenarios'));
    cpSync(f('within.yaml'), join(repo, 'scenarios', 'a.yaml'));
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'scenarios', 'a.yaml'), readFileSync(f('within.yaml'), 'utf8').replace('output: 2}', 'output: 3}'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'llm-tco.js'), 'check', 'scenarios/', '--baseline-ref', 'HEAD', '--format', 'json'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    rmSync(repo, { recursive: true });
    expect(run.status).toBe(0);
    const d = JSON.parse(run.stdout).baseline.scenarios[0];
    // 1000 x (1000 x 1 + 1000 x 2) / 1M = $3 before, 1000 x (1000 + 3000) / 1M = $4 now
    expect(d).toMatchObject({ file: 'scenarios/a.yaml', status: 'changed', old_monthly: 3, new_monthly: 4 });
  });
});

describe('--baseline DIR: the root of the other checkout', () => {
  it('counts every scenario as new when the base has no such folder, rather than crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    const run = await runCli(['check', `${CHECK}/`, '--baseline', dir, '--max-increase', '10%', '--format', 'json']);
    rmSync(dir, { recursive: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // over.yaml is over its own budget; nothing is over --max-increase
    const diffs = JSON.parse(run.stdout).baseline.scenarios as { file: string; status: string; new_monthly: number; over_max_increase: boolean }[];
    // Each fixture: 1,000 requests x (1,000 x $1 + 1,000 x $2) / 1M = $3.00 a month (over.yaml binds m).
    expect(diffs.map((d) => [d.file, d.status, d.new_monthly, d.over_max_increase])).toEqual(
      ['over.yaml', 'warn.yaml', 'within.yaml'].map((name) => [f(name), 'added', name === 'warn.yaml' ? expect.any(Number) : 3, false]),
    );
  });

  it('takes a folder argument as the same folder under DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    cpSync(f('within.yaml'), join(dir, CHECK, 'within.yaml'));
    const run = await runCli(['check', `${CHECK}/`, '--baseline', dir, '--format', 'json']);
    rmSync(dir, { recursive: true });
    expect(run.stderr).toBe('');
    const byFile = Object.fromEntries((JSON.parse(run.stdout).baseline.scenarios as { file: string; status: string }[]).map((d) => [d.file, d.status]));
    expect(byFile).toEqual({ [f('over.yaml')]: 'added', [f('warn.yaml')]: 'added', [f('within.yaml')]: 'unchanged' });
  });

  it('finds a scenario named by its absolute path at its place under DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    // The base's within.yaml at $2 output: 1,000 x (1,000 x $1 + 1,000 x $1.5) / 1M = $2.50; now $3.00.
    writeFileSync(join(dir, CHECK, 'within.yaml'), readFileSync(f('within.yaml'), 'utf8').replace('output: 2}', 'output: 1.5}'));
    writeFileSync(join(dir, CHECK, 'gone.yaml'), readFileSync(f('within.yaml'), 'utf8'));
    const run = await runCli(['check', join(ROOT, CHECK), '--baseline', dir, '--format', 'json']);
    rmSync(dir, { recursive: true });
    const byFile = Object.fromEntries((JSON.parse(run.stdout).baseline.scenarios as { file: string }[]).map((d) => [d.file, d]));
    expect(byFile[join(ROOT, CHECK, 'within.yaml')]).toMatchObject({ status: 'changed', old_monthly: 2.5, new_monthly: 3 });
    expect(byFile[`${CHECK}/gone.yaml`]).toMatchObject({ status: 'removed', old_monthly: 3 });
  });

  it('a removed scenario that does not read in the base is neither new nor compared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    writeFileSync(join(dir, CHECK, 'gone.yaml'), 'name: [oops\n');
    const run = await runCli(['check', `${CHECK}/`, '--baseline', dir, '--budget', 'monthly=100']);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  ! ${CHECK}/gone.yaml: removed; it does not read in the baseline: not compared`);
  });

  it('refuses a DIR that is not there, with exit 2', async () => {
    const run = await runCli(['check', `${CHECK}/`, '--baseline', join(tmpdir(), 'llm-tco-no-such-base')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--baseline: '${join(tmpdir(), 'llm-tco-no-such-base')}' is not a folder`);
  });
});

describe('--compare-to: a saved check report as the baseline', () => {
  const cli = join(ROOT, 'bin', 'llm-tco.js');
  /**
   * The base branch: the check fixtures with over.yaml's m at $1.5 output (1,000 x (1,000 x $1 +
   * 1,000 x $1.5) / 1M = $2.50 a month, now $3.00), gone.yaml only there, warn.yaml not there.
   * Its report saved as `check --format json -o base.json` would be on that branch.
   */
  function savedBase(extra: string[] = []): { dir: string; saved: string } {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-saved-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    cpSync(f('within.yaml'), join(dir, CHECK, 'within.yaml'));
    writeFileSync(join(dir, CHECK, 'over.yaml'), readFileSync(f('over.yaml'), 'utf8').replace('input: 1, output: 2}', 'input: 1, output: 1.5}'));
    writeFileSync(join(dir, CHECK, 'gone.yaml'), readFileSync(f('within.yaml'), 'utf8'));
    const run = spawnSync(process.execPath, [cli, 'check', `${CHECK}/`, '--format', 'json', '-o', 'base.json', ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    return { dir, saved: join(dir, 'base.json') };
  }

  it('compares exactly as --baseline does with the checkout it was saved from', async () => {
    const { dir, saved } = savedBase();
    const flags = ['--budget', 'monthly=100', '--max-increase', '10%', '--format', 'json'];
    const fromFile = await runCli(['check', `${CHECK}/`, '--compare-to', saved, ...flags]);
    const fromDir = await runCli(['check', `${CHECK}/`, '--baseline', dir, ...flags]);
    rmSync(dir, { recursive: true });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(1); // over.yaml's m: $2.50 -> $3.00, +20% > 10%
    expect(fromFile.code).toBe(fromDir.code);
    const a = JSON.parse(fromFile.stdout);
    const b = JSON.parse(fromDir.stdout);
    expect(a.baseline.source).toBe(saved);
    expect(a.baseline.scenarios).toEqual(b.baseline.scenarios);
    const byFile = Object.fromEntries(a.baseline.scenarios.map((d: { file: string }) => [d.file, d]));
    expect(byFile[f('over.yaml')]).toMatchObject({ status: 'changed', option: 'm', old_monthly: 2.5, new_monthly: 3, over_max_increase: true });
    expect(byFile[f('over.yaml')].change_share).toBeCloseTo(3 / 2.5 - 1, 12);
    expect(byFile[f('within.yaml')].status).toBe('unchanged');
    expect(byFile[f('warn.yaml')].status).toBe('added');
    expect(byFile[`${CHECK}/gone.yaml`]).toMatchObject({ status: 'removed', old_monthly: 3 });
    // Within 25% the same comparison passes: +20%.
    const { dir: dir2, saved: saved2 } = savedBase();
    const loose = await runCli(['check', `${CHECK}/`, '--compare-to', saved2, '--budget', 'monthly=100', '--max-increase', '25%']);
    rmSync(dir2, { recursive: true });
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain(`~ ${f('over.yaml')} (m): $2.50 -> $3.00 +$0.50 (+20%)`);
  });

  it('keeps every option of every scenario in the report, for the next comparison', async () => {
    const r = JSON.parse((await runCli(['check', f('over.yaml'), '--format', 'json'])).stdout);
    // cheap: 1,000 x (1,000 x $0.5 + 1,000 x $1) / 1M = $1.50; m: $3.00 (cheapest first, as estimate lists them)
    expect(r.scenarios[0].options).toEqual([
      { name: 'cheap', monthly_cost: 1.5, viable: true },
      { name: 'm', monthly_cost: 3, viable: true },
    ]);
  });

  it('reads a report saved before options were kept: the bound option alone is compared', async () => {
    const { dir, saved } = savedBase();
    const old = JSON.parse(readFileSync(saved, 'utf8'));
    for (const v of old.scenarios) delete v.options;
    writeFileSync(saved, JSON.stringify(old));
    const run = await runCli(['check', f('over.yaml'), '--budget', 'monthly=100', '--compare-to', saved, '--max-increase', '10%', '--format', 'json']);
    rmSync(dir, { recursive: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const d = JSON.parse(run.stdout).baseline.scenarios[0];
    expect(d).toMatchObject({ status: 'changed', option: 'm', old_monthly: 2.5, new_monthly: 3, over_max_increase: true });
    // cheap was not kept: it has no old cost.
    expect(d.options).toEqual([
      { name: 'm', old_monthly: 2.5, new_monthly: 3, change: expect.closeTo(0.5, 12), change_share: expect.closeTo(0.2, 12) },
      { name: 'cheap', old_monthly: null, new_monthly: 1.5, change: null, change_share: null },
    ]);
  });

  it('refuses a file that is not a check report, with exit 2 and one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-saved-'));
    const cases: [string, string, string][] = [
      ['notjson.json', 'name: x\n', 'not a check report: not JSON'],
      ['empty.json', '{}', 'not a check report: no "schema": "llm-tco/report@1"'],
      ['estimate.json', JSON.stringify({ schema: 'llm-tco/report@1', command: 'estimate', options: [] }), 'a report of llm-tco estimate, not of check'],
      ['future.json', JSON.stringify({ schema: 'llm-tco/report@2', command: 'check', scenarios: [] }), 'a llm-tco/report@2 report: this version reads llm-tco/report@1'],
      ['bad-cost.json', JSON.stringify({ schema: 'llm-tco/report@1', command: 'check', scenarios: [{ file: 'a.yaml', status: 'ok', currency: 'USD', option: 'm', monthly_cost: 3, options: [{ name: 'm', monthly_cost: '3' }] }] }), 'scenarios[0].options[0].monthly_cost: expected a number or null'],
    ];
    try {
      for (const [name, text, message] of cases) {
        writeFileSync(join(dir, name), text);
        const run = await runCli(['check', f('within.yaml'), '--compare-to', join(dir, name)]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`${join(dir, name)}: ${message}`);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
      }
      const missing = await runCli(['check', f('within.yaml'), '--compare-to', join(dir, 'none.json')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(join(dir, 'none.json'));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('does not compare costs saved in another currency', async () => {
    const { dir, saved } = savedBase(['--currency', 'EUR', '--fx', 'EUR=0.5']);
    const run = await runCli(['check', f('within.yaml'), '--compare-to', saved]);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${saved}:${f('within.yaml')}: costed in EUR, and this check in USD: not compared (save the baseline with --currency USD, or check with --currency EUR)`);
  });

  it('takes one baseline, not two', async () => {
    const run = await runCli(['check', f('within.yaml'), '--compare-to', 'base.json', '--baseline-ref', 'HEAD']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give one of --baseline DIR, --baseline-ref REF and --compare-to FILE, not several');
  });
});

describe('a baseline read from git or a folder, whatever its size', () => {
  const cli = join(ROOT, 'bin', 'llm-tco.js');
  function repoWith(files: Record<string, string>): { repo: string; git: (...args: string[]) => string } {
    const repo = mkdtempSync(join(tmpdir(), 'llm-tco-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(repo, name, '..'), { recursive: true });
      writeFileSync(join(repo, name), text);
    }
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    return { repo, git };
  }

  it('lists a repository whose file list is over 1 MiB', () => {
    const { repo, git } = repoWith({ 'scenarios/a.yaml': readFileSync(f('within.yaml'), 'utf8') });
    // 12,000 entries of 100-character names (1.2 MB of `git ls-tree` output), all one empty blob,
    // written straight into a tree: no files on disk.
    const blob = git('hash-object', '-w', '--stdin').trim();
    const lines = Array.from({ length: 12_000 }, (_, i) => `100644 blob ${blob}\t${String(i).padStart(100, 'x')}\n`).join('');
    const bulk = execFileSync('git', ['mktree'], { cwd: repo, input: lines, encoding: 'utf8' }).trim();
    git('read-tree', '--prefix=bulk/', bulk);
    git('commit', '-qm', 'bulk');
    const run = spawnSync(process.execPath, [cli, 'check', 'scenarios/', '--baseline-ref', 'HEAD', '--format', 'json'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    rmSync(repo, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).baseline.scenarios[0]).toMatchObject({ file: 'scenarios/a.yaml', status: 'unchanged', old_monthly: 3, new_monthly: 3 });
  });

  it('compares with a baseline scenario over 1 MiB, rather than count it as new', () => {
    // The same scenario padded with a 1.1 MB comment; now ten times the price: $3 -> $30.
    const padding = `# ${'p'.repeat(1_100_000)}\n`;
    const { repo } = repoWith({ 'scenarios/a.yaml': padding + readFileSync(f('within.yaml'), 'utf8') });
    writeFileSync(join(repo, 'scenarios', 'a.yaml'), readFileSync(f('within.yaml'), 'utf8').replace('{name: m, input: 1, output: 2}', '{name: m, input: 10, output: 20}'));
    const run = spawnSync(process.execPath, [cli, 'check', 'scenarios/', '--budget', 'monthly=1000', '--baseline-ref', 'HEAD', '--max-increase', '10%', '--format', 'json'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    rmSync(repo, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).baseline.scenarios[0]).toMatchObject({ status: 'changed', old_monthly: 3, new_monthly: 30, over_max_increase: true });
  });

  it('a baseline file in a folder that exists but cannot be read is a problem, not a new scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-base-'));
    mkdirSync(join(dir, CHECK), { recursive: true });
    symlinkSync('/dev/zero', join(dir, CHECK, 'over.yaml'));
    const run = await runCli(['check', f('over.yaml'), '--budget', 'monthly=100', '--baseline', dir, '--max-increase', '10%']);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${join(dir, CHECK, 'over.yaml')}: not a regular file (a character device)`);
    expect(run.stdout).not.toContain('new,');
  });
});

describe('an interrupted run', () => {
  it.runIf(process.platform !== 'win32')('leaves no temporary file beside the -o file on SIGTERM, and exits 143', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-signal-'));
    const out = join(dir, 'report.json');
    // LLM_TCO_TEST_PAUSE_BEFORE_RENAME_MS holds the written temporary file for that long before it
    // is renamed into place: the signal arrives while it exists.
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'llm-tco.js'), 'check', f('within.yaml'), '--format', 'json', '-o', out], {
      env: { ...process.env, NO_COLOR: '1', LLM_TCO_TEST_PAUSE_BEFORE_RENAME_MS: '4000' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | string | null>((done) => child.on('exit', (code, signal) => done(code ?? signal)));
    const deadline = Date.now() + 15_000;
    while (!readdirSync(dir).some((name) => name.endsWith('.tmp')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    child.kill('SIGTERM');
    const code = await exited;
    const left = readdirSync(dir);
    // The write, synchronous, ends before the signal is handled: the report is whole, or absent.
    const report = left.includes('report.json') ? JSON.parse(readFileSync(out, 'utf8')) : { status: 'ok' };
    rmSync(dir, { recursive: true });
    expect(code).toBe(143);
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(report.status).toBe('ok');
  }, 30_000);
});
