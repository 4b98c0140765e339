// The usage presets' names alone, so the CLI can list them in its help without loading their
// figures (src/presets.ts, loaded when --preset is given). test/estimate-flags.test.ts checks the two agree.

export const PRESET_NAMES = ['support-chat', 'doc-qa-rag', 'coding-agent'] as const;
