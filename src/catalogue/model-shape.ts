// The shape fields of config.json a model entry may carry (catalogue, --model-file or a scenario's
// inline model): what splits its parameters into tensor groups (src/engine/tensor-groups.ts).

import type { Fields, Reader } from '../scenario/reader.js';
import type { ModelArchitecture } from './types.js';

/** config.json's shape fields that split a model into tensor groups. */
export const SHAPE_KEYS = ['vocab_size', 'tie_word_embeddings', 'intermediate_size', 'moe_intermediate_size', 'shared_expert_intermediate_size', 'dense_layers',
  'native_expert_format'] as const;

/** The shape fields of a model (catalogue entry or inline), all optional. */
export function readShape(r: Reader, f: Fields, p: string): Pick<ModelArchitecture, 'vocabSize' | 'tiedEmbeddings' | 'intermediateSize' | 'moeIntermediateSize' |
  'sharedExpertIntermediateSize' | 'denseLayers' | 'nativeExpertFormat'> {
  const count = (key: string) => r.number(f.get(key), `${p}.${key}`, 'positive');
  const dense = r.number(f.get('dense_layers'), `${p}.dense_layers`, 'integer');
  return {
    vocabSize: count('vocab_size'),
    tiedEmbeddings: r.boolean(f.get('tie_word_embeddings'), `${p}.tie_word_embeddings`),
    intermediateSize: count('intermediate_size'),
    moeIntermediateSize: count('moe_intermediate_size'),
    sharedExpertIntermediateSize: r.number(f.get('shared_expert_intermediate_size'), `${p}.shared_expert_intermediate_size`, 'integer'),
    denseLayers: dense,
    nativeExpertFormat: r.string(f.get('native_expert_format'), `${p}.native_expert_format`, ['MXFP4']) as ModelArchitecture['nativeExpertFormat'],
  };
}

