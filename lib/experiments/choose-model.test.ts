import { describe, expect, it } from 'vitest';
import { chooseModel, type ModelCandidate } from './choose-model';
import type { RegistryState } from './registry';

const exp = (number: number, status = 'completed', modelHash: string | undefined = `h${number}`): ModelCandidate => ({ id: `e${number}`, name: `exp-00${number}`, number, status, ...(modelHash ? { modelHash } : {}) });
const none: RegistryState = { previous: { staging: [], production: [] } };
const inProduction = (experimentId: string): RegistryState => ({ ...none, production: { modelId: experimentId, experimentId, since: 1, by: 'a', eventId: 'x' } });

describe('chooseModel', () => {
  it('follows production by default, else the newest experiment with a model', () => {
    const all = [exp(1), exp(2), exp(3, 'failed', undefined), exp(4, 'running', undefined)];
    expect(chooseModel(undefined, all, inProduction('e1'))).toMatchObject({ type: 'model', experiment: { id: 'e1' }, why: 'production' });
    expect(chooseModel(undefined, all, none)).toMatchObject({ type: 'model', experiment: { id: 'e2' }, why: 'latest' });
    // A production model that is not here (a peer's, not yet synced): the newest instead.
    expect(chooseModel(undefined, all, inProduction('gone'))).toMatchObject({ experiment: { id: 'e2' }, why: 'latest' });
  });

  it('uses a chosen model or stage, and says why when it cannot', () => {
    const all = [exp(1), exp(2), exp(3, 'failed', undefined)];
    expect(chooseModel('e1', all, none)).toMatchObject({ experiment: { id: 'e1' }, why: 'chosen' });
    expect(chooseModel('e3', all, none)).toEqual({ type: 'none', message: 'exp-003 has no model to use (failed). Choose another model.' });
    expect(chooseModel('e9', all, none)).toMatchObject({ type: 'none', message: expect.stringMatching(/deleted/) });
    expect(chooseModel('staging', all, none)).toMatchObject({ type: 'none', message: expect.stringMatching(/No model is in staging/) });
    expect(chooseModel(undefined, [], none)).toMatchObject({ type: 'none', message: expect.stringMatching(/no trained model yet/) });
  });
});
