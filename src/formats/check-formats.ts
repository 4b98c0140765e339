// Format names of the check command alone, so the CLI can list them without loading renderers.
export const CHECK_FORMATS = ['table', 'json', 'markdown', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
