// Format names of the tokens and calibrate commands alone, so that registering a command loads
// no renderer (chalk, cli-table3).
export const TOKENS_FORMATS = ['table', 'json', 'csv'] as const;
export type TokensFormat = (typeof TOKENS_FORMATS)[number];

export const CALIBRATE_FORMATS = ['table', 'json'] as const;
export type CalibrateFormat = (typeof CALIBRATE_FORMATS)[number];
