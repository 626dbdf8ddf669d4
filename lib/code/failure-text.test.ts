import { describe, expect, it } from 'vitest';
import { failureText } from './failure-text';

describe('failureText', () => {
  const base = { timeLimitS: 5, during: 'training' as const };
  it('says the time limit stopped the code, and what to do', () => {
    expect(failureText({ ...base, failure: 'time-limit', name: 'TimeLimitError', message: '' })).toBe(
      "Stopped after 5 s in train: the cell's time limit. If the code needs longer, raise the limit; if it loops forever, fix the loop.",
    );
  });

  it('names the sandbox as the reason when the code reached for storage, the network or the page', () => {
    for (const [name, message] of [
      ['SecurityError', "Failed to execute 'open' on 'IDBFactory': access to the Indexed Database API is denied in this context."],
      ['TypeError', 'Failed to fetch'],
      ['ReferenceError', 'parent is not defined'],
      ['ReferenceError', 'document is not defined'],
    ] as const) {
      const text = failureText({ ...base, failure: 'code', name, message });
      expect(text).toContain(`The code was refused in train: ${name}: ${message}.`);
      expect(text).toContain('Code cells run in a sandbox');
    }
  });

  it('passes other errors through with the step they happened in', () => {
    expect(failureText({ ...base, during: 'predicting', failure: 'code', name: 'TypeError', message: "Cannot read properties of undefined (reading 'x')" })).toBe(
      "The code failed in predict: TypeError: Cannot read properties of undefined (reading 'x')",
    );
    expect(failureText({ ...base, failure: 'memory-limit', name: 'MemoryLimitError', message: 'allocating 800 MiB would take the code past its memory limit of 512 MiB (0 MiB held)' })).toMatch(
      /^Stopped in train: allocating 800 MiB .* raise the memory limit\.$/,
    );
  });
});
