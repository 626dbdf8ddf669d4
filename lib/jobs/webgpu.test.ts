import { describe, expect, it } from 'vitest';
import { createTrainService } from './train-service';
import { treeHistogramsNotice } from './webgpu';

const counts = { fits: 3, builds: 0, tooLarge: 0, failure: undefined, adapter: 'nvidia ampere', minRows: 16_384 };

describe('WebGPU in the train worker', () => {
  it('says in the experiment’s notices where the tree histograms were built, and why not on the GPU', () => {
    expect(treeHistogramsNotice({ type: 'ready', histograms: { ...counts, builds: 42 } })).toBe(
      'Tree histograms on WebGPU (adapter nvidia ampere) for nodes of 16,384 rows or more: 42 built there, smaller nodes on the CPU.',
    );
    expect(treeHistogramsNotice({ type: 'ready', histograms: counts })).toBe('Tree histograms on the CPU: no node had the 16,384 rows that pay for a WebGPU round trip.');
    expect(treeHistogramsNotice({ type: 'ready', histograms: { ...counts, tooLarge: 1 } })).toMatch(/larger than this GPU’s buffers allow/);
    expect(treeHistogramsNotice({ type: 'ready', histograms: { ...counts, builds: 5, failure: 'the device was lost' } })).toBe(
      'Tree histograms went back to the CPU after 5 on WebGPU (adapter nvidia ampere): the device was lost.',
    );
    expect(treeHistogramsNotice({ type: 'unavailable', reason: 'WebGPU gave no device' })).toBe('Tree histograms on the CPU: WebGPU gave no device.');
    // No tree learner ran: nothing to say.
    expect(treeHistogramsNotice({ type: 'ready', histograms: { ...counts, fits: 0 } })).toBeUndefined();
  });

  it('answers the check with the reason where there is no WebGPU (Node)', async () => {
    const check = await createTrainService(async () => undefined).checkWebGpu();
    expect(check).toEqual({ type: 'unavailable', reason: 'this browser has no WebGPU (navigator.gpu is missing)' });
  });
});
