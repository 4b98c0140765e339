#!/usr/bin/env node
// The action's main step (action.yml): `llm-tco check` on a pull request against its base branch,
// the report in the job summary and in one pull-request comment kept up to date, and check's exit
// code: 0 within budget, 1 over it, 2 could not check (bad input, or the action could not run).
//
// Its inputs come as INPUT_* variables (action.yml sets them), the run's as GITHUB_* ones; the
// comment is read and written with `gh api` (GH_TOKEN). Nothing here interpolates an input into a
// shell: every command gets its arguments as a list.

import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const COMMENT_MODES = ['update', 'new', 'off'];
/** GitHub refuses a comment longer than 65,536 characters; the rest stays in the job summary. */
const MAX_COMMENT_CHARS = 65_000;
const EXIT = { ok: 0, over: 1, cannotCheck: 2 };

/** Why the action stops before check runs: one line, exit 2. */
class ActionError extends Error {}

const env = process.env;

async function main() {
  const inputs = readInputs();
  const marker = inputs.id ? `<!-- llm-tco:check:${inputs.id} -->` : '<!-- llm-tco:check -->';
  const event = readEvent();
  const pr = event.pull_request ?? null;
  const baseRef = env.GITHUB_BASE_REF || pr?.base?.ref || '';
  const work = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'llm-tco-'));
  let base;
  try {
    if (pr && baseRef) base = checkoutBase(baseRef, inputs.cwd, work);
    else if (inputs.maxIncrease) notice('not a pull request: nothing to compare with, so max-increase does not apply');

    const flags = checkFlags(inputs, base);
    // The github format prints the annotations, and with GITHUB_STEP_SUMMARY set appends the
    // report as markdown there: here, a file of our own, the body of the summary and the comment.
    const markdownFile = join(work, 'report.md');
    const run = llmTco(['check', ...flags, '--format', 'github', '--', ...inputs.paths], inputs.cwd, { GITHUB_STEP_SUMMARY: markdownFile });
    // The base checkout is a temporary folder: the log names the branch instead.
    const log = base ? run.stdout.split(base.baseline).join(`origin/${base.ref}`) : run.stdout;
    process.stdout.write(fromRepositoryRoot(log, inputs.cwd));
    process.stderr.write(run.stderr);
    let code = run.status;
    if (![EXIT.ok, EXIT.over, EXIT.cannotCheck].includes(code)) {
      annotate('error', `llm-tco check stopped unexpectedly (${run.error?.message ?? (run.signal ? `signal ${run.signal}` : `exit ${code}`)}): please report it with the lines above`);
      code = EXIT.cannotCheck;
    }
    let markdown = existsSync(markdownFile) ? readFileSync(markdownFile, 'utf8') : '';
    if (markdown.trim() === '') markdown = cannotCheck(run.stderr);
    if (base) markdown = nameBaseline(markdown, base);

    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown.trimEnd()}\n`);
    setOutput('exit-code', String(code));

    if (inputs.comment === 'off') return code;
    if (!pr) {
      notice('not a pull request: no comment');
      return code;
    }
    const repo = env.GITHUB_REPOSITORY || pr.base?.repo?.full_name;
    if (!repo) throw new ActionError('GITHUB_REPOSITORY is not set: cannot tell where the pull request is');
    const body = commentBody(marker, markdown, inputs.id, pr);
    try {
      const existing = inputs.comment === 'update' ? findComment(repo, pr.number, marker) : undefined;
      if (existing !== undefined) {
        // Updated even when every change is now below the threshold: an earlier figure left
        // standing would mislead.
        gh(['api', '--method', 'PATCH', `repos/${repo}/issues/comments/${existing}`, '--input', '-'], JSON.stringify({ body }));
        setOutput('comment-id', String(existing));
        console.log(`llm-tco: updated the comment ${existing} on #${pr.number}`);
        return code;
      }
      if (inputs.threshold > 0 && code === EXIT.ok && everyChangeBelow(inputs, flags, inputs.threshold)) {
        notice(`every change is below comment-threshold ${inputs.thresholdText}: no comment`);
        return code;
      }
      const posted = gh(['api', '--method', 'POST', `repos/${repo}/issues/${pr.number}/comments`, '--input', '-'], JSON.stringify({ body }));
      const id = parseJsonValues(posted)[0]?.id;
      if (id !== undefined) setOutput('comment-id', String(id));
      console.log(`llm-tco: commented on #${pr.number}${id === undefined ? '' : ` (comment ${id})`}`);
    } catch (error) {
      if (!(error instanceof GhError)) throw error;
      // The check's result stands: a pull request from a fork gets a read-only token, for one.
      annotate('warning', `could not comment on #${pr.number} (${error.message}); the report is in the job summary. The job needs permissions: pull-requests: write`);
    }
    return code;
  } finally {
    if (base) git(['worktree', 'remove', '--force', base.root], inputs.cwd, { allowFailure: true });
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- inputs ----

function readInputs() {
  const input = (name) => (env[`INPUT_${name.replace(/[- ]/g, '_').toUpperCase()}`] ?? '').trim();
  const paths = words(input('paths'));
  if (paths.length === 0) throw new ActionError('paths: name the scenarios to check, e.g. paths: scenarios/');
  const comment = input('comment') || 'update';
  if (!COMMENT_MODES.includes(comment)) throw new ActionError(`comment: expected update, new or off, got '${comment}'`);
  const id = input('id');
  // The id goes into an HTML comment: `-->` or a space would end or split the marker.
  if (!/^[A-Za-z0-9._-]{0,64}$/.test(id)) throw new ActionError(`id: letters, digits, '.', '_' and '-' only (at most 64), got '${id}'`);
  const strict = input('strict').toLowerCase();
  if (!['', 'true', 'false'].includes(strict)) throw new ActionError(`strict: expected true or false, got '${input('strict')}'`);
  const thresholdText = input('comment-threshold');
  const threshold = thresholdText === '' ? 0 : share(thresholdText);
  if (threshold === undefined) throw new ActionError(`comment-threshold: expected a share such as 5% or 0.05, got '${thresholdText}'`);
  const cwd = resolve(env.GITHUB_WORKSPACE || '.', input('working-directory') || '.');
  if (!isDirectory(cwd)) throw new ActionError(`working-directory: '${input('working-directory')}' is not a folder of the checkout`);
  return {
    paths, comment, id, strict: strict === 'true', threshold, thresholdText, cwd,
    maxIncrease: input('max-increase'), budget: words(input('budget')), warnAt: input('warn-at'),
    currency: input('currency'), pricing: words(input('pricing')),
  };
}

/** Items separated by spaces or new lines. */
function words(text) {
  return text.split(/\s+/).filter(Boolean);
}

/** 5% or 0.05, as check reads a share. */
function share(text) {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) / (m[2] ? 100 : 1);
}

/** The options of `llm-tco check` the inputs ask for (check itself validates their values: exit 2). */
function checkFlags(inputs, base) {
  const flags = [];
  if (base) flags.push('--baseline', base.baseline);
  if (base && inputs.maxIncrease) flags.push('--max-increase', inputs.maxIncrease);
  for (const b of inputs.budget) flags.push('--budget', b);
  if (inputs.warnAt) flags.push('--warn-at', inputs.warnAt);
  if (inputs.strict) flags.push('--strict');
  if (inputs.currency) flags.push('--currency', inputs.currency);
  for (const p of inputs.pricing) flags.push('--pricing', p);
  return flags;
}

function readEvent() {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch (error) {
    throw new ActionError(`cannot read the event file ${env.GITHUB_EVENT_PATH}: ${error.message}`);
  }
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// ---- the base branch ----

/**
 * The base branch checked out beside the job's checkout (a git worktree), for --baseline: fetched
 * from origin first, one commit deep in a shallow clone (actions/checkout's default).
 */
function checkoutBase(baseRef, cwd, work) {
  const inside = git(['rev-parse', '--is-inside-work-tree'], cwd, { allowFailure: true });
  if (inside.status !== 0) throw new ActionError(`${cwd} is not in a git checkout: run actions/checkout before this action`);
  const prefix = git(['rev-parse', '--show-prefix'], cwd).stdout.trim();
  const shallow = git(['rev-parse', '--is-shallow-repository'], cwd).stdout.trim() === 'true';
  const fetched = git(['fetch', '--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', baseRef], cwd, { allowFailure: true });
  if (fetched.status !== 0) throw new ActionError(`could not fetch the base branch '${baseRef}' from origin: ${firstLine(fetched.stderr)}`);
  const root = join(work, 'base');
  // The base's files are read as text: large files tracked with Git LFS stay pointers.
  const added = git(['worktree', 'add', '--detach', root, 'FETCH_HEAD'], cwd, { allowFailure: true, env: { GIT_LFS_SKIP_SMUDGE: '1' } });
  if (added.status !== 0) throw new ActionError(`could not check out the base branch '${baseRef}': ${firstLine(added.stderr)}`);
  // check is run from the working directory, and looks each scenario up at the same place in the base.
  const baseline = join(root, prefix).replace(/\/+$/, '');
  // A folder the base does not have yet: every scenario in it is new.
  if (!isDirectory(baseline)) mkdirSync(baseline, { recursive: true });
  return { ref: baseRef, root, baseline };
}

function git(args, cwd, { allowFailure = false, env: extra = {} } = {}) {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...env, ...extra } });
  if (run.error) throw new ActionError(`git is not available: ${run.error.message}`);
  if (run.status !== 0 && !allowFailure) throw new ActionError(`git ${args[0]} failed: ${firstLine(run.stderr)}`);
  return run;
}

/**
 * check names files from the working directory; GitHub places an annotation by its path from the
 * repository's root: `file=scenarios/a.yaml` becomes `file=app/scenarios/a.yaml` under app/.
 */
function fromRepositoryRoot(annotations, cwd) {
  const found = git(['rev-parse', '--show-prefix'], cwd, { allowFailure: true });
  const prefix = found.status === 0 ? found.stdout.trim() : '';
  if (prefix === '') return annotations;
  const escaped = prefix.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  return annotations.replace(/^(::(?:error|warning|notice) file=)(?!\/)/gm, (_, head) => `${head}${escaped}`);
}

function firstLine(text) {
  return (text ?? '').trim().split('\n')[0] || 'no reason given';
}

// ---- llm-tco ----

function llmTco(args, cwd, extraEnv = {}) {
  const bin = env.LLM_TCO_BIN || join(HERE, '..', '..', 'bin', 'llm-tco.js');
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...env, NO_COLOR: '1', ...extraEnv } });
}

/**
 * True when no scenario is new, removed, invalid or changed by the threshold or more: the
 * comment would say nothing worth a notification. Read from check's JSON report.
 */
function everyChangeBelow(inputs, flags, threshold) {
  const run = llmTco(['check', ...flags, '--format', 'json', '--', ...inputs.paths], inputs.cwd);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return false;
  }
  const diffs = report?.baseline?.scenarios;
  if (!Array.isArray(diffs)) return false;
  return diffs.every((d) => {
    if (d.status === 'unchanged') return true;
    if (d.status !== 'changed') return false;
    if (typeof d.change_share === 'number') return Math.abs(d.change_share) < threshold;
    return d.change === 0;
  });
}

/** The report when check printed none (it refused its input): its messages. */
function cannotCheck(stderr) {
  const lines = stderr.trim() || 'llm-tco check printed no reason';
  const fence = '`'.repeat(Math.max(3, ...(lines.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `### llm-tco budget check\n\n❌ could not check:\n\n${fence}text\n${lines}\n${fence}\n`;
}

/** The base checkout is a temporary folder: the report names the branch instead. */
function nameBaseline(markdown, base) {
  const escaped = base.baseline.replace(/[\\`*_[\]<>|#~&]/g, (ch) => `\\${ch}`);
  const ref = base.ref.replace(/`/g, "'");
  const named = `\`${ref}\` (the base branch)`;
  return markdown.split(base.baseline).join(named).split(escaped).join(named);
}

// ---- the comment ----

function commentBody(marker, markdown, id, pr) {
  const sha = typeof pr.head?.sha === 'string' ? ` for ${pr.head.sha.slice(0, 7)}` : '';
  const run = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `, [run ${env.GITHUB_RUN_ID}](${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID})` : '';
  const footer = `\n<sub>llm-tco check${id ? ` (${id})` : ''}${sha}${run}</sub>\n`;
  // check's markdown starts with the plain marker; this comment's own (perhaps with an id) replaces it.
  let text = markdown.trimEnd().replace(/^<!-- llm-tco:check -->\n/, '');
  const room = MAX_COMMENT_CHARS - marker.length - footer.length - 200;
  if (text.length > room) {
    text = `${text.slice(0, text.lastIndexOf('\n', room))}\n\n… cut here: the whole report is in the job summary.`;
  }
  return `${marker}\n${text}\n${footer}`;
}

class GhError extends Error {}

function gh(args, input) {
  // On GitHub Enterprise Server, gh talks to the server the run is on.
  const server = env.GITHUB_SERVER_URL ? new URL(env.GITHUB_SERVER_URL).host : 'github.com';
  const host = server === 'github.com' || env.GH_HOST ? {} : { GH_HOST: server };
  const run = spawnSync('gh', args, { input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...env, ...host } });
  if (run.error) throw new GhError(`gh: ${run.error.message}`);
  if (run.status !== 0) throw new GhError(`gh ${args.slice(0, 3).join(' ')}: ${firstLine(run.stderr)}`);
  return run.stdout;
}

/** The id of this action's comment: the first whose body starts with the marker (a reply quoting it does not). */
function findComment(repo, number, marker) {
  const pages = parseJsonValues(gh(['api', '--paginate', `repos/${repo}/issues/${number}/comments?per_page=100`]));
  for (const comment of pages.flat()) {
    if (typeof comment?.body === 'string' && comment.body.trimStart().startsWith(marker)) return comment.id;
  }
  return undefined;
}

/** `gh api --paginate` prints each page's JSON array after the last: `[...][...]`. */
function parseJsonValues(text) {
  const values = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === ']' || ch === '}') {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return values;
}

// ---- workflow commands ----

function annotate(kind, message) {
  console.log(`::${kind} title=llm-tco::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
}

function notice(message) {
  annotate('notice', message);
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

// Last, once every declaration above is in place.
process.exitCode = await main().catch((error) => {
  // Whatever stops the action before check's verdict is "could not check", never a crash's code.
  annotate('error', error instanceof ActionError ? error.message : `the action failed: ${error?.stack ?? error}`);
  return EXIT.cannotCheck;
});
