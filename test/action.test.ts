// The GitHub Action (action.yml) as a workflow runs it: its script in a scratch repository whose
// pull request raises a scenario's traffic, the base branch fetched from a local "origin", and a
// stand-in `gh` on PATH that records every call and answers with canned JSON. Then action.yml
// and the project's workflows against GitHub's schemas (action-validator).

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

const RUN = join(ROOT, 'scripts', 'action', 'run.mjs');
const MARKER = '<!-- llm-tco:check -->';

// One scenario: requests_per_month x (1,000 input x $1 + 1,000 output x $2) / 1M tokens.
// At 1,000 requests that is 1,000 x $0.003 = $3.00 a month, against a $10.00 budget.
const scenario = (requests: number) =>
  `name: chat\ntraffic: {requests_per_month: ${requests}}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: {name: m, input: 1, output: 2}\nbudget:\n  monthly: 10\n`;

/**
 * A stand-in for the GitHub CLI: appends {argv, stdin} to calls.jsonl; a listing of comments
 * answers with comments.json as two pages (as `gh api --paginate` prints them), a POST or PATCH
 * with the comment's id. GH_STUB_FAIL=1 makes every call fail as a read-only token would.
 */
const GH_STUB = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.GH_STUB_DIR;
const argv = process.argv.slice(2);
const stdin = argv.includes('--input') ? fs.readFileSync(0, 'utf8') : null;
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ argv, stdin }) + '\\n');
if (process.env.GH_STUB_FAIL === '1') {
  process.stderr.write('HTTP 403: Resource not accessible by integration\\n');
  process.exit(1);
}
if (argv.includes('--paginate')) {
  const comments = JSON.parse(fs.readFileSync(path.join(dir, 'comments.json'), 'utf8'));
  const half = Math.ceil(comments.length / 2);
  process.stdout.write(JSON.stringify(comments.slice(0, half)) + JSON.stringify(comments.slice(half)) + '\\n');
} else if (argv.includes('PATCH')) {
  process.stdout.write(JSON.stringify({ id: Number(argv[3].split('/').pop()) }));
} else {
  process.stdout.write(JSON.stringify({ id: 9001 }));
}
`;

interface Call {
  argv: string[];
  stdin: string | null;
}

interface Scratch {
  dir: string;
  workspace: string;
  summary: string;
  calls(): Call[];
}

const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv() });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  return env;
}

/**
 * origin: main with the scenario at `before` requests a month, and the pull request's branch at
 * `after`; the workspace: a one-commit clone of the branch, as actions/checkout leaves it.
 */
function scratch(before: number, after: number, comments: unknown[] = [], folder = 'scenarios'): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'llm-tco-action-'));
  scratches.push(dir);
  const origin = join(dir, 'origin');
  mkdirSync(join(origin, folder), { recursive: true });
  git(origin, 'init', '-q', '-b', 'main');
  writeFileSync(join(origin, folder, 'chat.yaml'), scenario(before));
  git(origin, 'add', '.');
  git(origin, 'commit', '-q', '-m', 'base');
  git(origin, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(origin, folder, 'chat.yaml'), scenario(after));
  git(origin, 'commit', '-q', '-am', 'more traffic');
  const workspace = join(dir, 'workspace');
  git(dir, 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, workspace);
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'gh'), GH_STUB);
  chmodSync(join(dir, 'bin', 'gh'), 0o755);
  writeFileSync(join(dir, 'comments.json'), JSON.stringify(comments));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, base: { ref: 'main' }, head: { sha: 'abcdef0123456789' } } }));
  mkdirSync(join(dir, 'runner-temp'));
  const summary = join(dir, 'summary.md');
  return {
    dir, workspace, summary,
    calls: () => (existsSync(join(dir, 'calls.jsonl')) ? readFileSync(join(dir, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Call) : []),
  };
}

/** The action's script with these inputs, in the environment a pull_request workflow gives it. */
function runAction(s: Scratch, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(),
    PATH: `${join(s.dir, 'bin')}:${process.env.PATH}`,
    GH_STUB_DIR: s.dir,
    GITHUB_EVENT_PATH: join(s.dir, 'event.json'),
    GITHUB_BASE_REF: 'main',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: s.workspace,
    GITHUB_STEP_SUMMARY: s.summary,
    GITHUB_OUTPUT: join(s.dir, 'output.txt'),
    RUNNER_TEMP: join(s.dir, 'runner-temp'),
    GH_TOKEN: 'not-a-token',
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [RUN], { cwd: s.workspace, env, encoding: 'utf8' });
  const outputs = existsSync(env.GITHUB_OUTPUT!) ? Object.fromEntries(readFileSync(env.GITHUB_OUTPUT!, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string])) : {};
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
}

const posted = (calls: Call[]) => calls.filter((c) => c.argv.includes('POST'));
const patched = (calls: Call[]) => calls.filter((c) => c.argv.includes('PATCH'));
const bodyOf = (call: Call) => (JSON.parse(call.stdin ?? '{}') as { body: string }).body;

// Each test makes a repository and runs git and llm-tco a few times: seconds, more on a busy machine.
describe('the action on a pull request', { timeout: 60_000 }, () => {
  it('posts one comment with the marker when the pull request has none, and writes the job summary', () => {
    // 1,000 -> 2,000 requests: $3.00 -> $6.00, +$3.00 (+100%), within the $10.00 budget and a 150% max-increase.
    const s = scratch(1000, 2000, [{ id: 5, body: 'LGTM', user: { login: 'someone' } }]);
    const run = runAction(s, { paths: 'scenarios/', 'max-increase': '150%' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const calls = s.calls();
    expect(calls[0]!.argv).toEqual(['api', '--paginate', 'repos/acme/app/issues/7/comments?per_page=100']);
    expect(patched(calls)).toEqual([]);
    expect(posted(calls).map((c) => c.argv)).toEqual([['api', '--method', 'POST', 'repos/acme/app/issues/7/comments', '--input', '-']]);
    const body = bodyOf(posted(calls)[0]!);
    expect(body.startsWith(`${MARKER}\n### llm-tco budget check`)).toBe(true);
    expect(body).toContain('$3.00');
    expect(body).toContain('$6.00');
    expect(body).toContain('+$3.00 (+100%)');
    // The base is named as the branch, not the temporary folder it was checked out to.
    expect(body).toContain('`main` (the base branch)');
    expect(body).not.toContain(s.dir);
    expect(body).toContain('for abcdef0, [run 42](https://github.com/acme/app/actions/runs/42)');
    const summary = readFileSync(s.summary, 'utf8');
    expect(summary).toContain('### llm-tco budget check');
    expect(summary).toContain('+$3.00 (+100%)');
    expect(run.outputs).toEqual({ 'exit-code': '0', 'comment-id': '9001' });
    // The base's worktree and the temporary files are gone.
    expect(readdirSync(join(s.dir, 'runner-temp'))).toEqual([]);
    expect(git(s.workspace, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('updates the comment that starts with the marker, on the second page, and leaves the others alone', () => {
    const s = scratch(1000, 2000, [
      { id: 11, body: 'another bot: coverage 80%', user: { login: 'codecov[bot]' } },
      { id: 12, body: `> ${MARKER}\n> quoted in a reply`, user: { login: 'someone' } },
      { id: 13, body: `${MARKER}\n### llm-tco budget check\nold figures`, user: { login: 'github-actions[bot]' } },
      { id: 14, body: `<!-- llm-tco:check:other -->\nanother job's`, user: { login: 'github-actions[bot]' } },
    ]);
    const run = runAction(s, { paths: 'scenarios/' });
    expect(run.code).toBe(0);
    const calls = s.calls();
    expect(posted(calls)).toEqual([]);
    expect(patched(calls).map((c) => c.argv)).toEqual([['api', '--method', 'PATCH', 'repos/acme/app/issues/comments/13', '--input', '-']]);
    expect(bodyOf(patched(calls)[0]!)).toContain('+$3.00 (+100%)');
    expect(calls).toHaveLength(2);
    expect(run.outputs['comment-id']).toBe('13');
  });

  it('finds its own comment by its id when several jobs comment', () => {
    const s = scratch(1000, 2000, [
      { id: 13, body: `${MARKER}\nthe default job's`, user: { login: 'github-actions[bot]' } },
      { id: 14, body: `<!-- llm-tco:check:eu -->\nthe eu job's`, user: { login: 'github-actions[bot]' } },
    ]);
    runAction(s, { paths: 'scenarios/', id: 'eu' });
    const calls = s.calls();
    expect(patched(calls).map((c) => c.argv[3])).toEqual(['repos/acme/app/issues/comments/14']);
    expect(bodyOf(patched(calls)[0]!).startsWith('<!-- llm-tco:check:eu -->\n')).toBe(true);
  });

  it('posts a new comment with comment: new, even when one exists', () => {
    const s = scratch(1000, 2000, [{ id: 13, body: `${MARKER}\nold`, user: { login: 'github-actions[bot]' } }]);
    runAction(s, { paths: 'scenarios/', comment: 'new' });
    const calls = s.calls();
    expect(calls.map((c) => c.argv.slice(0, 3))).toEqual([['api', '--method', 'POST']]);
  });

  it('posts no comment when every change is below comment-threshold', () => {
    // 1,000 -> 1,020 requests: $3.00 -> $3.06, +2%, below 5%.
    const s = scratch(1000, 1020);
    const run = runAction(s, { paths: 'scenarios/', 'comment-threshold': '5%' });
    expect(run.code).toBe(0);
    expect(s.calls().map((c) => c.argv[1])).toEqual(['--paginate']);
    expect(run.stdout).toContain('::notice title=llm-tco::every change is below comment-threshold 5%25: no comment');
    // The job summary has the report all the same.
    expect(readFileSync(s.summary, 'utf8')).toContain('+$0.06 (+2%)');
  });

  it('posts a comment when a change reaches comment-threshold', () => {
    // 1,000 -> 1,050 requests: +5%, not below 5%.
    const s = scratch(1000, 1050);
    runAction(s, { paths: 'scenarios/', 'comment-threshold': '0.05' });
    expect(posted(s.calls())).toHaveLength(1);
  });

  it('still updates its comment below comment-threshold, so that no earlier figure stands', () => {
    const s = scratch(1000, 1020, [{ id: 13, body: `${MARKER}\n+100% earlier`, user: { login: 'github-actions[bot]' } }]);
    runAction(s, { paths: 'scenarios/', 'comment-threshold': '5%' });
    const calls = patched(s.calls());
    expect(calls.map((c) => c.argv[3])).toEqual(['repos/acme/app/issues/comments/13']);
    expect(bodyOf(calls[0]!)).toContain('+$0.06 (+2%)');
  });

  it('calls gh not at all with comment: off', () => {
    const s = scratch(1000, 2000);
    const run = runAction(s, { paths: 'scenarios/', comment: 'off' });
    expect(run.code).toBe(0);
    expect(s.calls()).toEqual([]);
    expect(readFileSync(s.summary, 'utf8')).toContain('+$3.00 (+100%)');
  });

  it('exits 1 over max-increase, with the annotation, and comments all the same', () => {
    // +100% against at most +10%.
    const s = scratch(1000, 2000);
    const run = runAction(s, { paths: 'scenarios/', 'max-increase': '10%', 'comment-threshold': '5%' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=scenarios\/chat\.yaml,[^\n]*title=Cost increase::m: monthly cost up 100%25/m);
    expect(run.stdout).not.toContain(s.dir);
    const body = bodyOf(posted(s.calls())[0]!);
    expect(body).toContain('+$3.00 (+100%) ❌');
    expect(run.outputs['exit-code']).toBe('1');
  });

  it('exits 1 over a budget input', () => {
    // $6.00 a month against a $5.00 budget.
    const s = scratch(1000, 2000);
    const run = runAction(s, { paths: 'scenarios/', budget: 'monthly=5', comment: 'off' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('monthly cost $6.00 is over the $5.00 budget by $1.00');
  });

  it('exits 2 on an input check refuses, and says why in the comment', () => {
    const s = scratch(1000, 2000);
    const run = runAction(s, { paths: 'scenarios/', 'max-increase': 'lots' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--max-increase: expected a share such as 80% or 0.8, got 'lots'");
    const body = bodyOf(posted(s.calls())[0]!);
    expect(body).toContain('❌ could not check:');
    expect(body).toContain("got 'lots'");
  });

  it('exits 2 on an invalid scenario in the pull request', () => {
    const s = scratch(1000, 2000);
    writeFileSync(join(s.workspace, 'scenarios', 'chat.yaml'), 'name: [oops\n');
    const run = runAction(s, { paths: 'scenarios/', comment: 'off' });
    expect(run.code).toBe(2);
    expect(readFileSync(s.summary, 'utf8')).toContain('INVALID'.toLowerCase());
  });

  it('exits 2 on a bad action input, before running anything', () => {
    const s = scratch(1000, 2000);
    for (const [inputs, said] of [
      [{ paths: 'scenarios/', comment: 'always' }, "comment: expected update, new or off, got 'always'"],
      [{ paths: '' }, 'paths: name the scenarios to check'],
      [{ paths: 'scenarios/', id: 'a --> b' }, 'id: letters, digits'],
      [{ paths: 'scenarios/', 'comment-threshold': 'big' }, "comment-threshold: expected a share such as 5% or 0.05, got 'big'"],
      [{ paths: 'scenarios/', 'working-directory': 'nowhere' }, "working-directory: 'nowhere' is not a folder"],
    ] as const) {
      const run = runAction(s, inputs);
      expect(run.code).toBe(2);
      // %25 is a % in a workflow command.
      expect(run.stdout).toContain(`::error title=llm-tco::${said.replace(/%/g, '%25')}`);
    }
    expect(s.calls()).toEqual([]);
  });

  it('keeps the check exit code when the comment cannot be written (a read-only token)', () => {
    const s = scratch(1000, 2000);
    const run = runAction(s, { paths: 'scenarios/', 'max-increase': '10%' }, { GH_STUB_FAIL: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::warning title=llm-tco::could not comment on #7 (gh api --paginate repos/acme/app/issues/7/comments?per_page=100: HTTP 403');
  });

  it('compares a working-directory with the same folder in the base, and places annotations from the root', () => {
    // 2,000 -> 1,000 requests: $6.00 -> $3.00, -$3.00 (-50%); $3.00 of a $3.50 budget is 86%,
    // past the 80% warning line.
    const s = scratch(2000, 1000, [], 'app/scenarios');
    writeFileSync(join(s.workspace, 'app', 'scenarios', 'chat.yaml'), scenario(1000).replace('monthly: 10', 'monthly: 3.5'));
    const run = runAction(s, { paths: 'scenarios', 'working-directory': 'app', comment: 'off' });
    expect(run.code).toBe(0);
    expect(readFileSync(s.summary, 'utf8')).toContain('-$3.00 (-50%)');
    // GitHub places an annotation by its path from the repository's root.
    expect(run.stdout).toContain('::warning file=app/scenarios/chat.yaml,line=7,col=3,title=Near budget::');
  });

  it('takes every scenario as new when the base lacks the working-directory', () => {
    const s = scratch(1000, 2000);
    mkdirSync(join(s.workspace, 'svc'));
    writeFileSync(join(s.workspace, 'svc', 'chat.yaml'), scenario(1000));
    const run = runAction(s, { paths: 'chat.yaml', 'working-directory': 'svc', comment: 'off', 'max-increase': '10%' });
    expect(run.stdout).toContain('1 scenario: 1 within budget');
    expect(readFileSync(s.summary, 'utf8')).toMatch(/`chat\.yaml`.*new/);
    expect(run.code).toBe(0);
  });

  it('checks without a baseline and without a comment outside a pull request', () => {
    const s = scratch(1000, 2000);
    writeFileSync(join(s.dir, 'event.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const run = runAction(s, { paths: 'scenarios/', 'max-increase': '10%' }, { GITHUB_BASE_REF: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice title=llm-tco::not a pull request: nothing to compare with, so max-increase does not apply');
    expect(s.calls()).toEqual([]);
  });
});

describe('action.yml and the workflows', { timeout: 60_000 }, () => {
  const validator = join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
  const validate = (file: string) => spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
  const workflows = readdirSync(join(ROOT, '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f));

  it.each(['action.yml', ...workflows.map((f) => join('.github', 'workflows', f))])('%s is valid', (file) => {
    const run = validate(join(ROOT, file));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the validator refuses a broken workflow (so the checks above can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-workflow-'));
    scratches.push(dir);
    writeFileSync(join(dir, 'broken.yml'), 'on: pull_request\njobs:\n  check:\n    steps:\n      - run: echo hi\n');
    expect(validate(join(dir, 'broken.yml')).status).toBe(1);
  });

  it('every run: block is a shell script bash can read', () => {
    const files = ['action.yml', ...workflows.map((f) => join('.github', 'workflows', f))];
    let blocks = 0;
    for (const file of files) {
      const doc = parse(readFileSync(join(ROOT, file), 'utf8')) as { runs?: { steps: { run?: string }[] }; jobs?: Record<string, { steps?: { run?: string }[] }> };
      const steps = [...(doc.runs?.steps ?? []), ...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? [])];
      for (const step of steps) {
        if (step.run === undefined) continue;
        blocks++;
        const read = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
        expect([file, read.stderr]).toEqual([file, '']);
      }
    }
    expect(blocks).toBeGreaterThan(5);
  });

  it('every input of action.yml reaches the script', () => {
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const inputs = [...action.split('\noutputs:')[0]!.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(['paths', 'max-increase', 'budget', 'warn-at', 'strict', 'currency', 'pricing', 'comment', 'comment-threshold', 'working-directory', 'id', 'github-token']);
    for (const name of inputs.filter((n) => n !== 'github-token')) {
      expect(action).toContain(`INPUT_${name.replace(/-/g, '_').toUpperCase()}: \${{ inputs.${name} }}`);
    }
  });
});
