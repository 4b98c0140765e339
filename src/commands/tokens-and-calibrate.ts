// `llm-tco tokens` and `llm-tco calibrate`, declared together for src/cli.ts.
// Registration only; each command's implementation loads when it runs.

import type { Command } from 'commander';
import type { Io } from '../io.js';
import { registerCalibrateCommand } from './calibrate-command.js';
import { registerTokensCommand } from './tokens-command.js';

export function registerTokensAndCalibrate(root: Command, io: Io, setExit: (code: number) => void): void {
  registerTokensCommand(root, io, setExit);
  registerCalibrateCommand(root, io, setExit);
}
