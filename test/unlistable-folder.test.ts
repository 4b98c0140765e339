// A folder that a walk reaches but cannot list (no permission, an I/O error) may hold scenarios or
// logs: the run says so at that folder, and a check cannot pass without what it hides. The tests
// run as root, whom permissions do not stop, so the listing's failure is made by replacing
// readdirSync for one folder.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { expandArguments, expandPattern, type Unlistable } from '../src/glob.js';
import { fakeIo, runCli } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'llm-tco-unlistable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const locked = join(root, 'scenarios', 'team-b');

vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readdirSync = ((path: string, ...rest: unknown[]) => {
    if (String(path).endsWith(join('scenarios', 'team-b'))) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
    return (fs.readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const SCENARIO =
  'name: Chat\ntraffic: {users: 1000, sessions_per_user: 1, requests_per_session: 1}\nworkload: {kind: chat, input: 1000, output: 1000}\n' +
  'options:\n  - api: {name: cheap, input: 0.5, output: 1}\nbudget: {monthly: 100}\n';
mkdirSync(locked, { recursive: true });
writeFileSync(join(root, 'scenarios', 'chat.yaml'), SCENARIO);
writeFileSync(join(locked, 'hidden.yaml'), SCENARIO);

describe('a folder that cannot be listed', () => {
  it('the walk finds what it can and names the folder it could not list', () => {
    const unlistable: Unlistable[] = [];
    expect(expandPattern('scenarios/**/*.yaml', root, unlistable)).toEqual(['scenarios/chat.yaml']);
    expect(unlistable).toEqual([{ folder: 'scenarios/team-b', code: 'EACCES' }]);
    // A folder that is not there is no problem: it just matches nothing.
    const none: Unlistable[] = [];
    expect(expandPattern('missing/**/*.yaml', root, none)).toEqual([]);
    expect(none).toEqual([]);
  });

  it('tokens and calibrate patterns: a problem naming the folder', () => {
    const { files, problems } = expandArguments(['scenarios/**/*.yaml'], root);
    expect(files).toEqual(['scenarios/chat.yaml']);
    expect(problems).toEqual([
      { location: { file: 'scenarios/team-b' }, path: '', message: 'cannot list this folder (permission denied): the files in it were not read', hint: 'make it readable, or name the files you mean' },
    ]);
  });

  it('check: the readable scenario is judged, the folder is a problem, exit 2', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const run = await runCli(['check', 'scenarios/', '--format', 'json'], fakeIo());
      const report = JSON.parse(run.stdout) as { exit_code: number; scenarios: { file: string; status: string; monthly_cost: number | null; problems: { message: string }[] }[] };
      expect(run.code).toBe(2);
      expect(report.exit_code).toBe(2);
      // 1,000 calls x (1,000 x 0.5 + 1,000 x 1) / 1M = $1.50, under its $100 budget.
      const chat = report.scenarios.find((s) => s.file === 'scenarios/chat.yaml')!;
      expect(chat.status).toBe('ok');
      expect(chat.monthly_cost).toBeCloseTo(1.5, 12);
      expect(report.scenarios.map((s) => s.file)).toEqual(['scenarios/chat.yaml', 'scenarios/team-b']);
      const folder = report.scenarios.find((s) => s.file === 'scenarios/team-b')!;
      expect(folder.status).toBe('invalid');
      expect(folder.problems[0]!.message).toBe('cannot list this folder (permission denied): the files in it were not read (make it readable, or name the files you mean)');
      expect(run.stderr).toBe('');
    } finally {
      process.chdir(cwd);
    }
  });
});
