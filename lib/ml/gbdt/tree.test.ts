import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { applyBins, fitBins } from './bins';
import { binnedLeaf } from './fit-steps';
import { TreeGrower, type GrowParams } from './tree';

// λ = 0: any split of noisy gradients gains, so the tree grows to its leaf limit.
const PARAMS: GrowParams = { lambda: 0, alpha: 0, minChildWeight: 0, maxLeaves: 40, maxDepth: 0, featuresPerNode: 0, minGain: 1e-9, minGainShare: 0 };

describe('tree grower', () => {
  it('groups each leaf’s rows as the splits route them, missing values both ways, with exact leaf sums', async () => {
    const rng = createRng(3);
    const rows = 3000;
    const cols = 4;
    const values = new Float32Array(rows * cols);
    const stats = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < cols; f++) values[r * cols + f] = rng.next();
      const a = values[r * cols]!;
      const b = values[r * cols + 1]!;
      // Missing where x0 is small (must go left) and where x1 is large (must go right).
      if (a < 0.3 && rng.next() < 0.5) values[r * cols] = NaN;
      if (b > 0.7 && rng.next() < 0.5) values[r * cols + 1] = NaN;
      stats[2 * r] = (a > 0.3 ? -1 : 1) + (b > 0.7 ? -2 : 0) + 0.1 * rng.normal();
      stats[2 * r + 1] = 1;
    }
    const x = { rows, cols, values };
    const mapper = fitBins(x, 255, 1);
    const binned = applyBins(x, mapper);
    const grower = new TreeGrower(binned, mapper, 2);
    const order = Uint32Array.from({ length: rows }, (_, i) => i);
    const tree = await grower.grow(order, rows, stats, Int32Array.from([0, 1, 2, 3]), cols, PARAMS, rng);
    expect(tree.leafCount).toBe(40);
    expect(tree.defaultLeft).toContain(true);
    expect(tree.defaultLeft).toContain(false);
    for (let l = 0; l < tree.leafCount; l++) {
      let g = 0;
      for (let i = tree.leafStart[l]!; i < tree.leafEnd[l]!; i++) {
        const r = order[i]!;
        expect(binnedLeaf(tree, binned, r)).toBe(l);
        if (i > tree.leafStart[l]!) expect(r).toBeGreaterThan(order[i - 1]!);
        g += stats[2 * r]!;
      }
      expect(tree.leafStats[2 * l]!).toBeCloseTo(g, 9);
      expect(tree.leafStats[2 * l + 1]).toBe(tree.leafEnd[l]! - tree.leafStart[l]!);
    }
  });
});
