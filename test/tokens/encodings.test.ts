// Which encoding counts which model, and when the count is only an estimate.

import { describe, expect, it } from 'vitest';
import { tokenizerFor, withEncoding } from '../../src/tokens/encodings.js';

describe('tokenizerFor', () => {
  it.each([
    ['openai/gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4o-2024-08-06', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['openai/gpt-5.2', 'o200k_base'],
    ['openai/o3-mini', 'o200k_base'],
    ['openai/o1', 'o200k_base'],
    ['openai/gpt-oss-120b', 'o200k_base'],
    ['azure/gpt-4o', 'o200k_base'],
    ['openrouter/openai/gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4', 'cl100k_base'],
    ['openai/gpt-4-turbo', 'cl100k_base'],
    ['openai/gpt-3.5-turbo', 'cl100k_base'],
    ['openai/text-embedding-3-small', 'cl100k_base'],
  ])('%s counts exactly with %s', (model, encoding) => {
    expect(tokenizerFor(model)).toMatchObject({ encoding, estimate: false });
  });

  it.each([
    ['anthropic/claude-sonnet-4-6', 'cl100k_base'],
    ['google/claude-3-5-sonnet', 'cl100k_base'],
    ['groq/llama-3.1-8b-instant', 'cl100k_base'],
    ['huggingface_groq/meta-llama/Llama-4-Scout-17B-16E-Instruct', 'o200k_base'],
    ['doubleword/Qwen/Qwen3-14B-FP8', 'cl100k_base'],
    ['deepseek/deepseek-chat', 'o200k_base'],
    ['google/gemini-2.5-pro', 'o200k_base'],
    ['mistral/codestral', 'o200k_base'],
    ['my-fine-tune', 'o200k_base'],
  ])('%s is an estimate with %s', (model, encoding) => {
    const choice = tokenizerFor(model);
    expect(choice).toMatchObject({ encoding, estimate: true });
    expect(choice.basis).toContain('closest available');
  });

  it('no model: o200k_base, not an estimate (no model is claimed)', () => {
    expect(tokenizerFor(undefined)).toMatchObject({ encoding: 'o200k_base', estimate: false });
  });
});

describe('withEncoding (--encoding)', () => {
  it('is exact when it is the model’s own encoding, or when no model is named', () => {
    expect(withEncoding(tokenizerFor('openai/gpt-4o'), 'o200k_base', 'openai/gpt-4o').estimate).toBe(false);
    expect(withEncoding(tokenizerFor(undefined), 'cl100k_base', undefined)).toMatchObject({ encoding: 'cl100k_base', estimate: false });
  });

  it('is an estimate when it is not the model’s', () => {
    expect(withEncoding(tokenizerFor('openai/gpt-4o'), 'cl100k_base', 'openai/gpt-4o')).toMatchObject({ encoding: 'cl100k_base', estimate: true });
    expect(withEncoding(tokenizerFor('anthropic/claude-sonnet-4-6'), 'cl100k_base', 'anthropic/claude-sonnet-4-6').estimate).toBe(true);
  });
});
