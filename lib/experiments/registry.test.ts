import { describe, expect, it } from 'vitest';
import {
  RegistryError,
  canDeleteModel,
  demote,
  promote,
  registryEventSchema,
  registryHistory,
  registryState,
  rollback,
  type RegistryEvent,
  type RegistryModel,
} from './registry';

const model = (id: string, extra: Partial<RegistryModel> = {}): RegistryModel => ({ id, experimentId: `exp-${id}`, status: 'completed', name: `exp-${id}`, ...extra });
const A = model('A');
const B = model('B');
const C = model('C');

/** Applies a change that must be allowed, returning the longer history. */
function apply(events: RegistryEvent[], result: RegistryEvent | RegistryError): RegistryEvent[] {
  if (result instanceof RegistryError) throw result;
  return [...events, result];
}
const refused = (result: RegistryEvent | RegistryError | true): RegistryError => {
  if (result instanceof RegistryError) return result;
  throw new Error(`allowed: ${JSON.stringify(result)}`);
};
const holder = (events: RegistryEvent[], stage: 'staging' | 'production') => registryState(events)[stage]?.modelId;

describe('registry: promote', () => {
  it('puts a completed model in a stage, with who and when', () => {
    const events = apply([], promote([], A, 'staging', 'Ana', 1000));
    expect(events[0]).toMatchObject({ at: 1000, by: 'Ana', action: 'promote', stage: 'staging', modelId: 'A', experimentId: 'exp-A' });
    expect(registryEventSchema.parse(events[0])).toEqual(events[0]);
    expect(registryState(events).staging).toMatchObject({ modelId: 'A', experimentId: 'exp-A', since: 1000, by: 'Ana' });
    expect(registryState(events).production).toBeUndefined();
  });

  it('refuses failed, running and deleted models', () => {
    expect(refused(promote([], model('F', { status: 'failed' }), 'production', 'Ana', 1))).toMatchObject({
      reason: 'not-completed',
      message: 'Model exp-F is failed; only a completed model can be promoted.',
    });
    expect(refused(promote([], model('R', { status: 'running' }), 'staging', 'Ana', 1)).message).toBe('Model exp-R is still running; only a completed model can be promoted.');
    expect(refused(promote([], model('D', { deleted: true }), 'staging', 'Ana', 1))).toMatchObject({ reason: 'deleted' });
  });

  it('refuses promoting the model already in the stage, writing nothing', () => {
    const events = apply([], promote([], A, 'production', 'Ana', 1));
    expect(refused(promote(events, A, 'production', 'Ben', 2))).toMatchObject({ reason: 'already-in-stage', message: 'Model exp-A is already in production.' });
  });

  it('replaces the holder: one model per stage', () => {
    let events = apply([], promote([], A, 'production', 'Ana', 1));
    events = apply(events, promote(events, B, 'production', 'Ana', 2));
    expect(holder(events, 'production')).toBe('B');
    expect(registryState(events).previous.production.map((e) => e.modelId)).toEqual(['A']);
  });

  it('moves a model from staging to production: one stage per model', () => {
    let events = apply([], promote([], A, 'staging', 'Ana', 1));
    events = apply(events, promote(events, A, 'production', 'Ana', 2));
    expect(holder(events, 'production')).toBe('A');
    expect(holder(events, 'staging')).toBeUndefined();
  });

  it('refuses moving the production model to staging (production would be left empty)', () => {
    const events = apply([], promote([], A, 'production', 'Ana', 1));
    expect(refused(promote(events, A, 'staging', 'Ana', 2))).toMatchObject({ reason: 'in-production', message: expect.stringContaining('Demote it first') });
  });
});

describe('registry: demote and rollback', () => {
  it('demotes the holder, and refuses an empty stage', () => {
    let events = apply([], promote([], A, 'staging', 'Ana', 1));
    events = apply(events, demote(events, 'staging', 'Ben', 2));
    expect(events[1]).toMatchObject({ action: 'demote', stage: 'staging', modelId: 'A', by: 'Ben' });
    expect(holder(events, 'staging')).toBeUndefined();
    expect(refused(demote(events, 'staging', 'Ben', 3))).toMatchObject({ reason: 'stage-empty', message: 'No model is in staging; there is nothing to demote.' });
  });

  it('rolls back one step at a time: A → B → C, rollback → B, rollback → A, then refuses', () => {
    let events: RegistryEvent[] = [];
    for (const [i, m] of [A, B, C].entries()) events = apply(events, promote(events, m, 'production', 'Ana', i + 1));
    events = apply(events, rollback(events, 'production', 'Ben', 10));
    expect(events.at(-1)).toMatchObject({ action: 'rollback', modelId: 'B', experimentId: 'exp-B' });
    expect(holder(events, 'production')).toBe('B');
    events = apply(events, rollback(events, 'production', 'Ben', 11));
    expect(holder(events, 'production')).toBe('A');
    expect(refused(rollback(events, 'production', 'Ben', 12))).toMatchObject({ reason: 'no-previous', message: 'No earlier model held production; there is nothing to roll back to.' });
  });

  it('after a rollback, a new promotion stacks on the restored model', () => {
    let events: RegistryEvent[] = [];
    events = apply(events, promote(events, A, 'production', 'Ana', 1));
    events = apply(events, promote(events, B, 'production', 'Ana', 2));
    events = apply(events, rollback(events, 'production', 'Ana', 3));
    events = apply(events, promote(events, C, 'production', 'Ana', 4));
    events = apply(events, rollback(events, 'production', 'Ana', 5));
    expect(holder(events, 'production')).toBe('A');
  });

  it('rollback after a demote restores the demoted model', () => {
    let events = apply([], promote([], A, 'production', 'Ana', 1));
    events = apply(events, demote(events, 'production', 'Ana', 2));
    events = apply(events, rollback(events, 'production', 'Ana', 3));
    expect(holder(events, 'production')).toBe('A');
  });

  it('rollback skips models that are no longer available', () => {
    let events: RegistryEvent[] = [];
    for (const [i, m] of [A, B, C].entries()) events = apply(events, promote(events, m, 'production', 'Ana', i + 1));
    events = apply(events, rollback(events, 'production', 'Ana', 10, (id) => id !== 'B'));
    expect(holder(events, 'production')).toBe('A');
    expect(refused(rollback(events, 'production', 'Ana', 11))).toMatchObject({ reason: 'no-previous' });
  });

  it('refuses a rollback of a stage that never changed hands', () => {
    expect(refused(rollback([], 'staging', 'Ana', 1))).toMatchObject({ reason: 'no-previous' });
    const events = apply([], promote([], A, 'staging', 'Ana', 1));
    expect(refused(rollback(events, 'staging', 'Ana', 2))).toMatchObject({ reason: 'no-previous' });
  });
});

describe('registry: deleting models', () => {
  it('refuses deleting a model in production or staging until it is demoted', () => {
    let events = apply([], promote([], A, 'production', 'Ana', 1));
    events = apply(events, promote(events, B, 'staging', 'Ana', 2));
    expect(refused(canDeleteModel(events, 'A'))).toMatchObject({ reason: 'in-stage', message: 'This model is in production: demote it first, then delete it.' });
    expect(refused(canDeleteModel(events, 'B')).message).toBe('This model is in staging: demote it first, then delete it.');
    expect(canDeleteModel(events, 'C')).toBe(true);
    events = apply(events, demote(events, 'production', 'Ana', 3));
    expect(canDeleteModel(events, 'A')).toBe(true);
  });
});

describe('registry: offline edits merge', () => {
  it('two conflicting offline promotions: the later wins, both stay in the history', () => {
    const base = apply([], promote([], A, 'production', 'Ana', 1));
    const byAna = promote(base, B, 'production', 'Ana', 100); // offline, earlier
    const byBen = promote(base, C, 'production', 'Ben', 200); // offline, later
    if (byAna instanceof RegistryError || byBen instanceof RegistryError) throw new Error('refused');
    for (const merged of [
      [...base, byAna, byBen],
      [...base, byBen, byAna],
    ]) {
      expect(holder(merged, 'production')).toBe('C');
      expect(registryState(merged).production?.by).toBe('Ben');
      expect(registryHistory(merged).map((e) => e.modelId)).toEqual(['A', 'B', 'C']);
      expect(registryState(merged).previous.production.map((e) => e.modelId)).toEqual(['A', 'B']);
    }
  });

  it('breaks a tie of the same millisecond by event id, the same way on every device', () => {
    const e1: RegistryEvent = { id: '01J0000000000000000000000A', at: 5, by: 'Ana', action: 'promote', stage: 'staging', modelId: 'A', experimentId: 'x' };
    const e2: RegistryEvent = { ...e1, id: '01J0000000000000000000000B', by: 'Ben', modelId: 'B' };
    expect(holder([e2, e1], 'staging')).toBe('B');
    expect(holder([e1, e2], 'staging')).toBe('B');
  });

  it('a demote made offline for a model that was replaced meanwhile changes nothing', () => {
    const base = apply([], promote([], A, 'production', 'Ana', 1));
    const demoteA = demote(base, 'production', 'Ana', 300);
    const promoteB = promote(base, B, 'production', 'Ben', 200);
    if (demoteA instanceof RegistryError || promoteB instanceof RegistryError) throw new Error('refused');
    const merged = [...base, demoteA, promoteB];
    expect(holder(merged, 'production')).toBe('B');
    expect(registryHistory(merged)).toHaveLength(3);
  });

  it('the same promotion made by two peers counts once', () => {
    const base = apply([], promote([], A, 'production', 'Ana', 1));
    const p1 = promote(base, B, 'production', 'Ana', 10);
    const p2 = promote(base, B, 'production', 'Ben', 20);
    if (p1 instanceof RegistryError || p2 instanceof RegistryError) throw new Error('refused');
    const state = registryState([...base, p2, p1]);
    expect(state.production).toMatchObject({ modelId: 'B', by: 'Ana', since: 10 });
    expect(state.previous.production.map((e) => e.modelId)).toEqual(['A']);
  });

  it('event ids of one device sort in creation order within a millisecond', () => {
    let events = apply([], promote([], A, 'staging', 'Ana', 7));
    events = apply(events, promote(events, B, 'staging', 'Ana', 7));
    expect(holder(registryHistory(events).reverse(), 'staging')).toBe('B');
  });
});
