import { describe, expect, it } from 'vitest';
import { LineageError, buildLineageIndex, checkParent, type ArtifactKind, type ArtifactRecord } from './lineage';
import { syntheticLineage } from './test/synthetic-lineage';

const art = (id: string, kind: ArtifactKind, parentId: string | null, extra: Partial<ArtifactRecord> = {}): ArtifactRecord => ({
  id,
  projectId: 'p',
  kind,
  parentId,
  name: id,
  createdAt: 0,
  ...extra,
});

// config → model → predictions → evaluation / workspace, plus a second model on the same config.
const tree = [
  art('cfg', 'config', null, { datasetHash: 'ds1' }),
  art('m1', 'model', 'cfg', { blobHash: 'blob-m1' }),
  art('m2', 'model', 'cfg', { blobHash: 'blob-m2' }),
  art('p1', 'predictions', 'm1', { blobHash: 'blob-p1' }),
  art('e1', 'evaluation', 'p1', { blobHash: 'blob-shared' }),
  art('w1', 'workspace', 'p1'),
  art('p2', 'predictions', 'm2', { blobHash: 'blob-shared' }),
];
const ids = (list: readonly ArtifactRecord[]) => list.map((a) => a.id);

describe('checkParent', () => {
  it('accepts the level order config → model → predictions → evaluation/workspace', () => {
    expect(checkParent('config', null)).toBe(true);
    expect(checkParent('model', 'config')).toBe(true);
    expect(checkParent('predictions', 'model')).toBe(true);
    expect(checkParent('evaluation', 'predictions')).toBe(true);
    expect(checkParent('workspace', 'predictions')).toBe(true);
  });

  it('refuses anything else with a message saying where it belongs', () => {
    expect(checkParent('model', null)).toEqual(new LineageError('A model needs a parent (a config); only a config stands alone.'));
    expect(checkParent('predictions', 'config')).toEqual(new LineageError('A predictions belongs under a model, not under a config.'));
    expect(checkParent('evaluation', 'model')).toBeInstanceOf(LineageError);
    expect(checkParent('workspace', 'evaluation')).toBeInstanceOf(LineageError);
    expect(checkParent('config', 'model')).toEqual(new LineageError('A config is a root: it has no parent.'));
  });
});

describe('buildLineageIndex', () => {
  const index = buildLineageIndex(tree);

  it('walks up to the root config and its dataset', () => {
    expect(ids(index.ancestors('e1'))).toEqual(['p1', 'm1', 'cfg']);
    expect(index.ancestors('cfg')).toEqual([]);
    expect(index.datasetHashOf('e1')).toBe('ds1');
    expect(index.datasetHashOf('cfg')).toBe('ds1');
    expect(index.datasetHashOf('nope')).toBeUndefined();
  });

  it('lists a subtree breadth-first, and the roots and children', () => {
    expect(ids(index.descendants('cfg'))).toEqual(['m1', 'm2', 'p1', 'p2', 'e1', 'w1']);
    expect(ids(index.descendants('p1'))).toEqual(['e1', 'w1']);
    expect(index.descendants('w1')).toEqual([]);
    expect(ids(index.roots())).toEqual(['cfg']);
    expect(ids(index.children('m1'))).toEqual(['p1']);
    expect(index.parentOf('m1')?.id).toBe('cfg');
  });

  it('plans a deletion: the subtree, blobs nothing else references, confirmation when it has children', () => {
    expect(index.deletionPlan('m1', new Set())).toEqual({
      artifactIds: ['m1', 'p1', 'e1', 'w1'],
      // blob-shared is still referenced by p2.
      blobsToCollect: ['blob-m1', 'blob-p1'],
      needsConfirmation: true,
    });
    expect(index.deletionPlan('m1', new Set(['blob-m1'])).blobsToCollect).toEqual(['blob-p1']);
    expect(index.deletionPlan('w1', new Set())).toEqual({ artifactIds: ['w1'], blobsToCollect: [], needsConfirmation: false });
    expect(index.deletionPlan('cfg', new Set()).blobsToCollect.sort()).toEqual(['blob-m1', 'blob-m2', 'blob-p1', 'blob-shared']);
    expect(index.deletionPlan('missing', new Set())).toEqual({ artifactIds: [], blobsToCollect: [], needsConfirmation: false });
  });

  it("treats a dangling parent (a peer's record whose parent never arrived) as a root", () => {
    const lone = buildLineageIndex([...tree, art('p9', 'predictions', 'gone')]);
    expect(ids(lone.roots())).toEqual(['cfg', 'p9']);
    expect(lone.ancestors('p9')).toEqual([]);
    expect(lone.parentOf('p9')).toBeUndefined();
  });

  it('never loops on a cycle: it is cut at its smallest id', () => {
    const looped = buildLineageIndex([art('x', 'model', 'z'), art('y', 'predictions', 'x'), art('z', 'evaluation', 'y'), art('t', 'workspace', 'y'), art('s', 'model', 's')]);
    expect(ids(looped.roots()).sort()).toEqual(['s', 'x']);
    expect(ids(looped.ancestors('z'))).toEqual(['y', 'x']);
    expect(ids(looped.descendants('x'))).toEqual(['y', 'z', 't']);
    expect(ids(looped.descendants('z'))).toEqual([]);
    expect(looped.deletionPlan('y', new Set()).artifactIds).toEqual(['y', 'z', 't']);
    expect(looped.ancestors('s')).toEqual([]);
  });

  it('keeps the first of two records with the same id', () => {
    const dup = buildLineageIndex([...tree, art('m1', 'model', null, { name: 'copy' })]);
    expect(dup.get('m1')?.name).toBe('m1');
    expect(ids(dup.roots())).toEqual(['cfg']);
  });
});

describe('buildLineageIndex at scale', () => {
  it('indexes and answers over 100,000 artifacts', () => {
    const artifacts = syntheticLineage(2000, 10); // 2000 × (1 + 10 × 4) = 82,000
    artifacts.push(...syntheticLineage(2, 2250).map((a) => ({ ...a, id: `b${a.id}`, parentId: a.parentId && `b${a.parentId}` })));
    expect(artifacts.length).toBeGreaterThanOrEqual(100_000);
    const index = buildLineageIndex(artifacts);
    expect(index.roots()).toHaveLength(2002);
    const last = artifacts.at(-1);
    if (!last) throw new Error('empty');
    expect(index.ancestors(last.id).map((a) => a.kind)).toEqual(['predictions', 'model', 'config']);
    expect(index.datasetHashOf(last.id)).toBe('dataset-1');
    const bigRoot = index.roots().at(-2);
    if (!bigRoot) throw new Error('no root');
    expect(index.descendants(bigRoot.id)).toHaveLength(2250 * 4);
    const plan = index.deletionPlan(bigRoot.id, new Set());
    expect(plan.artifactIds).toHaveLength(1 + 2250 * 4);
    // The first set's config 0 holds the same blob hashes for its 10 models (model-0-0…model-0-9 and
    // their predictions and evaluations): those stay.
    expect(plan.blobsToCollect).toHaveLength(2250 * 3 - 10 * 3);
    expect(plan.blobsToCollect).not.toContain('model-0-9');
    expect(plan.blobsToCollect).toContain('model-0-10');
  });

  it('walks a 100,000-long chain (a malformed peer record set) without overflowing the stack', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => art(`n${i}`, 'model', i === 0 ? null : `n${i - 1}`));
    chain[0] = art('n0', 'model', 'n99999'); // and close it into a cycle
    const index = buildLineageIndex(chain);
    expect(ids(index.roots())).toEqual(['n0']);
    expect(index.ancestors('n99999')).toHaveLength(99_999);
    expect(index.descendants('n0')).toHaveLength(99_999);
  });
});
