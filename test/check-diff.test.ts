// check against a baseline explains itself: the inputs that changed (as costed: a prompt file by
// its tokens), every option's old and new cost, the total, unchanged scenarios folded, and the
// --max-increase annotation at the line of the input that drives it. A base/head git repository
// of scenarios with inline and --pricing prices, so every figure is worked out below.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TODAY } from './helpers.js';

const CLI = join(ROOT, 'bin', 'llm-tco.js');

/** o200k_base (the tokenizer of a scenario whose first API model is inline) reads 'word' and each ' word' as one token. */
const words = (n: number) => `word${' word'.repeat(n - 1)}`;

// Lines: 3 users, 8 system_prompt, 13 the option.
const CHAT = (users: number) => `name: chat
traffic:
  users: ${users}
  sessions_per_user: 1
  requests_per_session: 1
workload:
  kind: chat
  system_prompt: {file: prompts/sys.md}
  input: 1000
  output: 1000
  history: none
options:
  - api: {name: m, input: 1, output: 2}
budget:
  monthly: 100
  option: m
`;

// Line 6: the catalogue model of options[1].
const SWITCH = (model: string) => `name: switch
traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 1000, output: 1000}
options:
  - api: {name: floor, input: 5, output: 10}
  - api: ${model}
budget:
  monthly: 100
`;

const SAME = 'traffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: {name: m, input: 1, output: 2}\nbudget:\n  monthly: 10\n';

const PRICING = `models:
  - {id: acme/small, name: Small, input: 1, output: 2, source: https://example.com/acme, as_of: 2026-11-01}
  - {id: acme/large, name: Large, input: 3, output: 6, source: https://example.com/acme, as_of: 2026-11-01}
`;

/**
 * Before (base, committed and checked out beside as ../base) -> now (the working tree):
 * - chat.yaml: users 1,000 -> 1,300, its prompt file 1,000 -> 2,000 tokens. 1 request per user,
 *   prompt = system + 1,000 input, 1,000 output at $1 / $2 per 1M:
 *   before 1,000 x ((1,000 + 1,000) x 1 + 1,000 x 2) / 1M = $4.00,
 *   now    1,300 x ((2,000 + 1,000) x 1 + 1,000 x 2) / 1M = $6.50: +$2.50, +62.5%.
 * - switch.yaml: options[1] acme/small ($1 / $2) -> acme/large ($3 / $6); 1,000 requests of
 *   1,000 in + 1,000 out: $3.00 -> $9.00 (+$6.00, +200%), the cheapest either way (floor is
 *   1,000 x (1,000 x 5 + 1,000 x 10) / 1M = $15.00 on both sides).
 * - same-a, same-b, same-c.yaml: 1,000 x (1,000 x 1 + 1,000 x 2) / 1M = $3.00, unchanged.
 * - new.yaml: only now, $3.00.
 * Total: before 4 + 3 + 3 x 3 = $16.00; now 6.5 + 9 + 3 x 3 + 3 = $27.50; +$11.50, 11.5 / 16 = 71.875%.
 */
let tmp: string;
let repo: string;
let base: string;

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

function check(args: string[], cwd = repo): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'check', ...args, '--pricing', 'pricing.yaml', '--today', TODAY], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'llm-tco-diff-'));
  repo = join(tmp, 'repo');
  base = join(tmp, 'base');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8' });
  mkdirSync(repo);
  write(repo, {
    'pricing.yaml': PRICING,
    'scenarios/chat.yaml': CHAT(1000),
    'scenarios/prompts/sys.md': words(1000),
    'scenarios/switch.yaml': SWITCH('acme/small'),
    'scenarios/same-a.yaml': SAME,
    'scenarios/same-b.yaml': SAME,
    'scenarios/same-c.yaml': SAME,
  });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  git('worktree', 'add', '-q', base, 'HEAD');
  // The base branch's report, as a pipeline would keep it.
  expect(check(['scenarios/', '--format', 'json', '-o', join(tmp, 'base.json')], base).stderr).toBe('');
  write(repo, { 'scenarios/chat.yaml': CHAT(1300), 'scenarios/prompts/sys.md': words(2000), 'scenarios/switch.yaml': SWITCH('acme/large'), 'scenarios/new.yaml': SAME });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('against a checkout (--baseline DIR)', () => {
  it('JSON: each scenario\'s changes with their lines, options old and new, and the total', () => {
    const run = check(['scenarios/', '--baseline', '../base', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    const byFile = Object.fromEntries(r.baseline.scenarios.map((d: { file: string }) => [d.file, d]));
    const chat = byFile['scenarios/chat.yaml'];
    expect(chat).toMatchObject({ status: 'changed', option: 'm', currency: 'USD', old_monthly: 4, new_monthly: 6.5, line: 3 });
    expect(chat.change).toBeCloseTo(2.5, 12);
    expect(chat.change_share).toBeCloseTo(2.5 / 4, 12);
    expect(chat.changes).toEqual([
      { path: 'traffic.users', old: 1000, new: 1300, line: 3, drives: true },
      { path: 'workload.system_prompt', old: 1000, new: 2000, line: 8, old_file: 'prompts/sys.md', new_file: 'prompts/sys.md', drives: true },
    ]);
    const sw = byFile['scenarios/switch.yaml'];
    expect(sw).toMatchObject({ status: 'changed', option: 'acme/large', old_monthly: 3, new_monthly: 9, change: 6, change_share: 2, line: 6 });
    // The option named after its model is paired with the one at its place before.
    expect(sw.options).toEqual([
      { name: 'floor', old_monthly: 15, new_monthly: 15, change: 0, change_share: 0 },
      { name: 'acme/large', old_name: 'acme/small', old_monthly: 3, new_monthly: 9, change: 6, change_share: 2 },
    ]);
    expect(sw.changes).toEqual([{ path: 'options[1].api', old: 'acme/small', new: 'acme/large', line: 6, drives: true }]);
    expect(byFile['scenarios/same-a.yaml']).toMatchObject({ status: 'unchanged', changes: [] });
    expect(byFile['scenarios/new.yaml']).toMatchObject({ status: 'added', new_monthly: 3, changes: null, line: null });
    expect(Object.keys(r.baseline.total)).toEqual(['USD']);
    const total = r.baseline.total.USD;
    expect(total.old_monthly).toBeCloseTo(16, 12);
    expect(total.new_monthly).toBeCloseTo(27.5, 12);
    expect(total.change).toBeCloseTo(11.5, 12);
    expect(total.change_share).toBeCloseTo(11.5 / 16, 12);
    // The report keeps the inputs a later --compare-to explains itself with.
    const inputs = r.scenarios.find((v: { file: string }) => v.file === 'scenarios/chat.yaml').inputs;
    expect(inputs).toContainEqual({ path: 'workload.system_prompt', value: 2000, file: 'prompts/sys.md' });
    expect(inputs).toContainEqual({ path: 'traffic.peak_factor', value: 1 }); // a default, as costed
  });

  it('table: old -> new per scenario and option, the inputs at their lines, unchanged folded, the total', () => {
    const run = check(['scenarios/', '--baseline', '../base', '--max-increase', '100%']);
    // switch.yaml rose 200%, over 100%
    expect(run.code).toBe(1);
    const from = run.stdout.indexOf('against ../base');
    expect(run.stdout.slice(from)).toBe(
      [
        'against ../base (at most +100%):',
        '  ~ scenarios/chat.yaml (m): $4.00 -> $6.50 +$2.50 (+62.5%)',
        '      changed: traffic.users 1,000 -> 1,300 (scenarios/chat.yaml:3)',
        '               workload.system_prompt {file: prompts/sys.md} 1,000 -> 2,000 tokens (scenarios/chat.yaml:8)',
        '  + scenarios/new.yaml: new, $3.00/month',
        '  ~ scenarios/switch.yaml (acme/large): $3.00 -> $9.00 +$6.00 (+200%)  OVER --max-increase',
        '      option floor: $15.00 -> $15.00',
        '      option acme/large (was acme/small): $3.00 -> $9.00 +$6.00 (+200%)',
        '      changed: options[1].api acme/small -> acme/large (scenarios/switch.yaml:6)',
        '  = 3 scenarios unchanged (--show-unchanged lists them)',
        'Total: +$11.50 ($16.00 -> $27.50), +71.9%',
        '',
      ].join('\n'),
    );
  });

  it('--show-unchanged lists the unchanged scenarios', () => {
    const run = check(['scenarios/', '--baseline', '../base', '--show-unchanged']);
    expect(run.code).toBe(0);
    for (const name of ['same-a', 'same-b', 'same-c']) expect(run.stdout).toContain(`  = scenarios/${name}.yaml (m): $3.00 -> $3.00\n`);
    expect(run.stdout).not.toContain('scenarios unchanged');
  });

  it('markdown: every option in the table, the total, and what changed under it', () => {
    const run = check(['scenarios/', '--baseline', '../base', '--max-increase', '100%', '--format', 'markdown']);
    const from = run.stdout.indexOf('#### Against');
    expect(run.stdout.slice(from)).toBe(
      [
        '#### Against ../base',
        '',
        '| Scenario | Option | Before | After | Change |',
        '| --- | --- | ---: | ---: | ---: |',
        '| `scenarios/chat.yaml` | m | $4.00 | $6.50 | +$2.50 (+62.5%) |',
        '| `scenarios/new.yaml` | m | - | $3.00 | new |',
        '| `scenarios/switch.yaml` | acme/large | $3.00 | $9.00 | +$6.00 (+200%) ❌ |',
        '|  | floor | $15.00 | $15.00 | unchanged |',
        '|  | acme/large (was acme/small) | $3.00 | $9.00 | +$6.00 (+200%) |',
        '',
        '3 scenarios unchanged.',
        '',
        '**Total: +$11.50 ($16.00 -> $27.50), +71.9%**',
        '',
        'What changed in `scenarios/chat.yaml`:',
        '',
        '- `traffic.users` 1,000 -> 1,300 (line 3)',
        '- `workload.system_prompt` {file: prompts/sys.md} 1,000 -> 2,000 tokens (line 8)',
        '',
        'What changed in `scenarios/switch.yaml`:',
        '',
        '- `options[1].api` acme/small -> acme/large (line 6)',
        '',
      ].join('\n'),
    );
  });

  it('github: the --max-increase error at the line of the input that drives the rise', () => {
    const run = check(['scenarios/', '--baseline', '../base', '--max-increase', '50%', '--format', 'github']);
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual([
      // chat.yaml: +62.5% > 50%; traffic.users (line 3) comes first in the file.
      '::error file=scenarios/chat.yaml,line=3,col=1,title=Cost increase::m: monthly cost up 62.5%25 ($4.00 -> $6.50), over the allowed +50%25. ' +
        'Changed: traffic.users 1,000 -> 1,300 (line 3); workload.system_prompt {file: prompts/sys.md} 1,000 -> 2,000 tokens (line 8).',
      '::error file=scenarios/switch.yaml,line=6,col=1,title=Cost increase::acme/large: monthly cost up 200%25 ($3.00 -> $9.00), over the allowed +50%25. Changed: options[1].api acme/small -> acme/large (line 6).',
    ]);
    // The comparison follows in the log, as the table has it.
    expect(run.stdout).toContain('  = 3 scenarios unchanged (--show-unchanged lists them)\nTotal: +$11.50 ($16.00 -> $27.50), +71.9%\n');
  });
});

describe('against a git ref (--baseline-ref)', () => {
  it('reads the prompt files as they were at the ref: the same comparison as the checkout gives', () => {
    const ref = check(['scenarios/', '--baseline-ref', 'HEAD', '--format', 'json']);
    const dir = check(['scenarios/', '--baseline', '../base', '--format', 'json']);
    expect(ref.stderr).toBe('');
    expect(ref.code).toBe(0);
    const a = JSON.parse(ref.stdout).baseline;
    const b = JSON.parse(dir.stdout).baseline;
    expect(a.scenarios).toEqual(b.scenarios);
    expect(a.scenarios.find((d: { file: string }) => d.file === 'scenarios/chat.yaml').changes[1]).toMatchObject({ path: 'workload.system_prompt', old: 1000, new: 2000 });
  });

  it('refuses a prompt file outside the repository at the ref, naming it', () => {
    const outside = mkdtempSync(join(tmpdir(), 'llm-tco-outside-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: outside, encoding: 'utf8' });
    write(outside, { 'pricing.yaml': PRICING, 's/a.yaml': CHAT(1000).replace('prompts/sys.md', '../../secret.md') });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const run = check(['s/a.yaml', '--baseline-ref', 'HEAD'], outside);
    rmSync(outside, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("HEAD:s/a.yaml:8:25: workload.system_prompt.file: prompt file '../../secret.md': is outside the repository of HEAD");
  });
});

describe('against a saved report (--compare-to)', () => {
  it('compares the inputs the report kept, exactly as --baseline does', () => {
    const saved = check(['scenarios/', '--compare-to', join(tmp, 'base.json'), '--format', 'json']);
    const dir = check(['scenarios/', '--baseline', '../base', '--format', 'json']);
    expect(saved.stderr).toBe('');
    const a = JSON.parse(saved.stdout).baseline;
    const b = JSON.parse(dir.stdout).baseline;
    expect(a.scenarios).toEqual(b.scenarios);
    expect(a.total).toEqual(b.total);
  });

  it('a report saved before inputs were kept still compares costs, and says the inputs are not in it', () => {
    const old = JSON.parse(readFileSync(join(tmp, 'base.json'), 'utf8'));
    for (const v of old.scenarios) delete v.inputs;
    const file = join(tmp, 'old.json');
    writeFileSync(file, JSON.stringify(old));
    const json = check(['scenarios/', '--compare-to', file, '--max-increase', '100%', '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1); // switch.yaml: +200%
    const d = JSON.parse(json.stdout).baseline.scenarios.find((s: { file: string }) => s.file === 'scenarios/chat.yaml');
    expect(d).toMatchObject({ status: 'changed', old_monthly: 4, new_monthly: 6.5, changes: null, line: 13 }); // no inputs: the option's line
    const table = check(['scenarios/', '--compare-to', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`  ~ scenarios/chat.yaml (m): $4.00 -> $6.50 +$2.50 (+62.5%)\n      inputs not saved in ${file}: save it again to see which changed\n`);
    // Unchanged in cost, with nothing known of their inputs: folded.
    expect(table.stdout).toContain('  = 3 scenarios unchanged');
  });

  it('refuses saved inputs of the wrong shape, with exit 2 and one line', () => {
    const bad = JSON.parse(readFileSync(join(tmp, 'base.json'), 'utf8'));
    bad.scenarios[0].inputs = [{ path: 'traffic.users', value: { nested: 1 } }];
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = check(['scenarios/', '--compare-to', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([`llm-tco: ${file}: scenarios[0].inputs[0].value: expected a number, a string or true or false (save one on the base branch with: llm-tco check SCENARIOS --format json -o FILE)`]);
  });
});

describe('a changed input that is a long string', () => {
  it('is shown clipped, with its length, not megabytes long on one line', async () => {
    const { inputChangeText } = await import('../src/formats/check-diff.js');
    const long = 'n'.repeat(5000);
    // 60 characters kept, then the length
    expect(inputChangeText({ path: 'options[0].self_host.hardware.name', old: 'box', new: long, line: 9, drives: true })).toBe(
      `options[0].self_host.hardware.name box -> ${'n'.repeat(60)}… (5,000 characters)`,
    );
  });
});
