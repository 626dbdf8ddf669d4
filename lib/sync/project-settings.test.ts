import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { observeProjectSettings, readProjectSettings, resolveSetting, writeProjectSettings } from './project-settings';

describe('project settings', () => {
  it('writes, reads, removes, and tells observers', () => {
    const doc = new Y.Doc();
    const seen: unknown[] = [];
    const stop = observeProjectSettings(doc, (s) => seen.push(s));
    writeProjectSettings(doc, { timeBudgetS: 30, learners: ['gbdt', 'rf'] });
    expect(readProjectSettings(doc)).toEqual({ timeBudgetS: 30, learners: ['gbdt', 'rf'] });
    writeProjectSettings(doc, { timeBudgetS: undefined });
    expect(readProjectSettings(doc)).toEqual({ learners: ['gbdt', 'rf'] });
    stop();
    expect(seen).toHaveLength(2);
  });

  it('skips a bad value from a peer, keeps the good ones', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('timeBudgetS', -5);
    doc.getMap('settings').set('learners', ['gbdt', 'no-such-learner']);
    doc.getMap('settings').set('seed', 7);
    expect(readProjectSettings(doc)).toEqual({ seed: 7 });
  });

  it('refuses to write a bad value', () => {
    expect(() => writeProjectSettings(new Y.Doc(), { timeBudgetS: 0 })).toThrow();
  });

  it('merges two people changing different settings', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeProjectSettings(a, { seed: 1 });
    writeProjectSettings(b, { backend: 'wasm' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readProjectSettings(a)).toEqual({ seed: 1, backend: 'wasm' });
    expect(readProjectSettings(b)).toEqual(readProjectSettings(a));
  });

  it('resolves cell over project over built-in, saying which', () => {
    expect(resolveSetting(10, 20, 60)).toEqual({ value: 10, source: 'cell' });
    expect(resolveSetting(undefined, 20, 60)).toEqual({ value: 20, source: 'project' });
    expect(resolveSetting(undefined, undefined, 60)).toEqual({ value: 60, source: 'default' });
  });
});
