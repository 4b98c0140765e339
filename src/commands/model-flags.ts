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
  ['--vocab-size <n>', 'vocabSize', 'vocab_size', 'vocabulary size (config.json): sizes embeddings and head per tensor group'],
  ['--tie-word-embeddings <true|false>', 'tieWordEmbeddings', 'tie_word_embeddings', 'the output head shares the embeddings (config.json)'],
  ['--intermediate-size <n>', 'intermediateSize', 'intermediate_size', 'FFN width (config.json)'],
  ['--moe-intermediate-size <n>', 'moeIntermediateSize', 'moe_intermediate_size', 'MoE: one expert\'s FFN width (config.json)'],
] as const;

