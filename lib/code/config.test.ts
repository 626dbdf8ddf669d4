import { describe, expect, it } from 'vitest';
import { CodeConfigError, codeConfig } from './config';

describe('codeConfig', () => {
  it('adds the data cell label and task where the JSON does not set them', () => {
    expect(codeConfig('{ "epochs": 5 }', { label: 'species', task: 'multiclass' })).toEqual({ label: 'species', task: 'multiclass', epochs: 5 });
    expect(codeConfig('{ "label": "island" }', { label: 'species' })).toEqual({ label: 'island' });
    expect(codeConfig('  ', {})).toEqual({});
  });

  it('refuses text that is not a JSON object, saying what to write', () => {
    expect(() => codeConfig('{ epochs: 5 }', {})).toThrow(CodeConfigError);
    expect(() => codeConfig('{ epochs: 5 }', {})).toThrow(/^The config is not valid JSON \(.+\)\. Write an object such as/);
    expect(() => codeConfig('[1, 2]', {})).toThrow('The config must be a JSON object, such as { "epochs": 50 }.');
    expect(() => codeConfig('null', {})).toThrow(CodeConfigError);
  });
});
