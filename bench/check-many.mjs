// `llm-tco check` over 5,000 scenario files, one of them unreadable: seconds and peak memory.
// Goal (docs/untrusted-input.md): under 15 s and 300 MB peak RSS on a 2-core machine, every
// readable scenario judged and the unreadable one reported. Informational: it never fails.
//
//   node scripts/build.mjs && node bench/check-many.mjs [count]
//
// The scenarios are written to a temporary folder and removed afterwards. A fifth of them name a
// catalogue model, a fifth a self-hosted option, a tenth a prompt file; the rest are inline API
// prices. One is a symbolic link to /dev/zero: it must be reported, not read.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'llm-tco-check-many-'));

function scenario(i) {
  const kind = i % 10;
  const option =
    kind < 2 ? '  - api: openai/gpt-4o-mini\n'
    : kind < 4 ? '  - self_host: {hardware: {name: box, monthly: 400}, tokens_per_second: 40}\n'
    : `  - api: {name: m${i}, input: ${1 + (i % 7)}, output: ${2 + (i % 5)}}\n`;
  const system = kind === 9 ? 'system_prompt: {file: prompts/system.md}, ' : '';
  return (
    `name: scenario ${i}\n` +
    `traffic: {users: ${100 + i}, sessions_per_user: 4, requests_per_session: 5}\n` +
    `workload: {kind: chat, ${system}input: 400, output: 600, history: none}\n` +
    `options:\n${option}` +
    `budget:\n  monthly: ${50 + (i % 900)}\n`
  );
}

try {
  mkdirSync(join(dir, 'scenarios', 'prompts'), { recursive: true });
  // A checkout, as in CI: prompt files may then be anywhere in the work tree.
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'scenarios', 'prompts', 'system.md'), 'You answer questions about our product, briefly and politely.\n'.repeat(20));
  for (let i = 1; i < count; i++) {
    const sub = join(dir, 'scenarios', `team-${i % 50}`);
    if (i <= 50) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `s-${i}.yaml`), scenario(i).replace('prompts/system.md', '../prompts/system.md'));
  }
  symlinkSync('/dev/zero', join(dir, 'scenarios', 'unreadable.yaml'));

  const out = join(dir, 'report.json');
  const argv = [join(root, 'bin', 'llm-tco.js'), 'check', join(dir, 'scenarios'), '--format', 'json', '-o', out];
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = timed ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...argv], { encoding: 'utf8' }) : spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssKiB = timed ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]) : NaN;
  // CPU seconds say more than the wall clock on a shared machine.
  const cpu = timed ? Number(/User time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1]) : NaN;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const byStatus = {};
  for (const s of report.scenarios) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  const unreadable = report.scenarios.find((s) => s.file.endsWith('unreadable.yaml'));
  console.log(`check of ${count} scenario files: ${seconds.toFixed(2)} s (${Number.isNaN(cpu) ? '?' : cpu.toFixed(2)} s of CPU), peak RSS ${Number.isNaN(rssKiB) ? 'unknown' : `${(rssKiB / 1024).toFixed(0)} MB`}, exit ${run.status}`);
  console.log(`verdicts: ${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  console.log(`unreadable.yaml: ${unreadable?.problems.map((p) => p.message).join('; ') ?? 'MISSING from the report'}`);
  console.log(`goal: under 15 s and 300 MB: ${seconds < 15 && rssKiB / 1024 < 300 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
