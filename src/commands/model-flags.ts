// Flag names alone, so the CLI can declare them without loading the catalogue code.

/** Flag -> inline model key, for a model no catalogue has (a fine-tune). */
export const INLINE_MODEL_FLAGS = [
  ['--params <n>', 'params', 'params', 'total parameters, e.g. 8.03B'],
  ['--active-params <n>', 'activeParams', 'active_params', 'parameters per token (MoE)'],
  ['--layers <n>', 'layers', 'layers', 'transformer layers'],
  ['--heads <n>', 'heads', 'heads', 'attention heads'],
  ['--kv-heads <n>', 'kvHeads', 'kv_heads', 'key/value heads'],
  ['--head-dim <n>', 'headDim', 'head_dim', 'dimension of a head'],
  ['--attention <kind>', 'attention', 'attention', 'gqa | mla | sliding'],
  ['--sliding-window <tokens>', 'slidingWindow', 'sliding_window', 'sliding attention window'],
  ['--sliding-layers <n>', 'slidingLayers', 'sliding_layers', 'layers that use the window'],
  ['--kv-lora-rank <n>', 'kvLoraRank', 'kv_lora_rank', 'MLA latent size'],
  ['--qk-rope-head-dim <n>', 'qkRopeHeadDim', 'qk_rope_head_dim', 'MLA rope dimensions'],
  ['--experts <n>', 'experts', 'experts', 'MoE routed experts'],
  ['--experts-per-token <n>', 'expertsPerToken', 'experts_per_token', 'MoE experts per token'],
  ['--context-window <tokens>', 'contextWindow', 'context', 'longest context the model takes (e.g. run with RoPE scaling)'],
] as const;

