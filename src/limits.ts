// Every cap on what one input may ask of a run, in one place. Scenario files are often written by
// anyone who can open a pull request (`llm-tco check` in CI): no file may make a run take minutes,
// gigabytes, or print megabytes. docs/untrusted-input.md ("Limits") lists them and what a user sees.

/**
 * Longest name that gets a did-you-mean. Finding one compares the name with every candidate; real
 * names (keys, model ids, hardware offers) are under 64 characters, and a longer word is not a
 * typo of any of them.
 */
export const MAX_SUGGEST_CHARS = 64;

/** Characters of a user's text echoed in a message; longer text shows these and its length. */
export const MAX_ECHO_CHARS = 60;

/**
 * Options one scenario compares. Break-even looks at every pair (200 options are 19,900 pairs),
 * so the work and the report grow with the square of the count; 2,000 options took 17 s and 2 GB.
 */
export const MAX_OPTIONS = 200;

/** Problems listed per file; past them one line says how many more there are. */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * Most requests in a session, and model calls in an agent task. Each is expanded into its own call
 * (a chat session resends its history, an agent round its transcript), and a simulation expands
 * them again for every sample: at 1,000 a simulation takes seconds, at 10,000 about a minute. Long
 * agent runs make tens to a few hundred calls, long chats fewer exchanges; more is almost surely a
 * unit slip (a month's requests written per session).
 */
export const MAX_CALLS_PER_SESSION = 1000;

/** Break-even crossings listed per pair of options; the rest are counted in the pair's reason. */
export const MAX_CROSSINGS_PER_PAIR = 10;

/**
 * Instance steps break-even looks at over all pairs together (each pair walks both options'
 * steps). Two options get up to 20,000 steps each; 200 options, 19,900 pairs, get 200 each, and
 * each pair's reason says past how many instances it stopped looking.
 */
export const MAX_BREAKEVEN_STEPS = 4_000_000;

/**
 * Price tiers of one inline API model. Providers have one to three (a long-context price); each
 * call of each option looks through them.
 */
export const MAX_TIERS_PER_MODEL = 100;

/**
 * Most instances of one option a scenario may need at peak. Far above any real deployment (the
 * largest clusters run some 100,000 GPUs), and low enough that counting them one by one (break-even
 * steps) stays quick and exact: instance counts above 2^53 cannot even be told apart.
 */
export const MAX_INSTANCES = 1e6;
