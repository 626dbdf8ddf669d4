import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildLineageIndex } from '@/lib/experiments/lineage';
import { saveCodeRun } from './code-runs';
import { isCodeTrusted, trustCode, trustEdit } from './code-trust';
import { db } from './db';
import { readArtifactBlob } from './predictions';
import { resetStore } from './test/fixtures';

beforeEach(resetStore);

const run = {
  projectId: 'p',
  name: 'Cell 3 (code)',
  language: 'javascript',
  source: 'function train() { return { w: [1, 2] }; }',
  config: { label: 'y', epochs: 3 },
  datasetHash: 'a'.repeat(64),
  modelJson: '{"w":[1,2]}',
} as const;

describe('a code cell run as artifacts', () => {
  it('stores code and config → model → predictions as one lineage, with their bytes', async () => {
    const saved = await saveCodeRun({ ...run, predictions: { csv: new TextEncoder().encode('x,prediction\n1,2\n'), datasetHash: 'b'.repeat(64), on: 'new.csv' } });
    const index = buildLineageIndex(await db.artifacts.toArray());
    expect(index.ancestors(saved.predictions!.id).map((a) => a.kind)).toEqual(['model', 'config']);
    expect(saved.config).toMatchObject({ parentId: null, datasetHash: run.datasetHash, name: 'Cell 3 (code) code and config' });
    expect(saved.predictions).toMatchObject({ datasetHash: 'b'.repeat(64), name: 'Cell 3 (code) predictions on new.csv' });
    expect(await (await readArtifactBlob(saved.model.id))!.text()).toBe('{"w":[1,2]}');
    expect(JSON.parse(await (await readArtifactBlob(saved.config.id))!.text())).toEqual({ format: 'loopbook-code-cell', language: 'javascript', source: run.source, config: run.config });
    expect(await (await readArtifactBlob(saved.predictions!.id))!.text()).toBe('x,prediction\n1,2\n');
  });

  it('stores a model alone when there was nothing to predict', async () => {
    const saved = await saveCodeRun(run);
    expect(saved.predictions).toBeUndefined();
    expect(await db.artifacts.count()).toBe(2);
  });
});

describe('trusted code', () => {
  it('trusts code written here, edit by edit, and not code changed elsewhere until allowed', async () => {
    expect(await isCodeTrusted('c1', 'a')).toBe(false);
    await trustEdit('c1', '', 'a');
    await trustEdit('c1', 'a', 'ab');
    expect(await isCodeTrusted('c1', 'ab')).toBe(true);
    expect(await isCodeTrusted('c1', 'a')).toBe(false);
    // A peer's edit changed the code: this browser never accepted "abX", so an edit on top of it is not trusted either.
    await trustEdit('c1', 'abX', 'abXY');
    expect(await isCodeTrusted('c1', 'abXY')).toBe(false);
    await trustCode('c1', 'abXY');
    expect(await isCodeTrusted('c1', 'abXY')).toBe(true);
    // Trust is per cell: the same code in another cell is asked about on its own.
    expect(await isCodeTrusted('c2', 'abXY')).toBe(false);
  });
});
