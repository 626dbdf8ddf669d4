import { describe, expect, it } from 'vitest';
import { CellId } from '../ids';
import { planCommand, type CommandContext } from './command';

const penguins = CellId.create();
const context: CommandContext = {
  dataCells: [{ id: penguins, fileName: 'penguins.csv', label: 'Species', columns: ['Species', 'Island', 'Beak Length (mm)', 'Sex'] }],
  samples: [
    { id: 'penguins', fileName: 'penguins.csv', url: '/samples/penguins.csv' },
    { id: 'seattle-weather', fileName: 'seattle-weather.csv', url: '/samples/seattle-weather.csv' },
  ],
  experiments: [{ id: '01JEXP7', name: 'exp-007' }],
};

const plan = (text: string, ctx = context) => planCommand(text, ctx);
const cells = (text: string, ctx = context) => {
  const p = plan(text, ctx);
  if (!p.ok) throw new Error(p.question);
  return p;
};

describe('the command bar', () => {
  it('turns "train X on Y for 30 s, then predict new.csv" into a train and a predict cell', () => {
    const p = cells('train Species on penguins for 30 s, then predict new.csv');
    expect(p.cells.map((c) => [c.kind, c.config])).toEqual([
      ['train', { sourceCellId: penguins, label: 'Species', timeBudgetS: 30 }],
      ['predict', { inputSource: 'file' }],
    ]);
    expect(p.summary).toBe('Added a train cell and a predict cell. Choose new.csv in the predict cell.');
  });

  it('reads minutes, learners by name or alias, a metric, the column in any case, and the data cell\'s own label', () => {
    expect(cells('fit species on penguins.csv in 2 min with boosted trees and random forest by log loss').cells[0]!.config).toEqual({ sourceCellId: penguins, label: 'Species', timeBudgetS: 120, learners: ['gbdt', 'rf'], metric: 'log_loss' });
    expect(cells('train on penguins').cells[0]!.config).toEqual({ sourceCellId: penguins, label: 'Species' });
  });

  it('adds a sample as a data cell when the notebook has no such data, and reads it in later steps', () => {
    const p = cells('load seattle-weather; train weather on seattle-weather then evaluate');
    expect(p.cells.map((c) => c.kind)).toEqual(['data', 'train', 'evaluate']);
    const data = p.cells[0]!;
    expect(data.config).toEqual({ sourceUrl: '/samples/seattle-weather.csv', fileName: 'seattle-weather.csv' });
    expect(p.cells[1]!.config).toMatchObject({ sourceCellId: data.id, label: 'weather' });
    expect(p.cells[2]!.config).toEqual({ sourceCellId: data.id, inputSource: 'cell' });
    expect(p.summary).toBe('Added a data cell, a train cell and an evaluate cell.');
  });

  it('predicts and evaluates with a stage or a named experiment, on a data cell', () => {
    expect(cells('predict Species on penguins with production').cells[0]!.config).toEqual({ model: 'production', sourceCellId: penguins, inputSource: 'cell' });
    expect(cells('evaluate on penguins with exp-007').cells[0]!.config).toEqual({ model: '01JEXP7', sourceCellId: penguins, inputSource: 'cell' });
  });

  it('asks, and plans nothing, when something is missing or unknown', () => {
    const asks = (text: string, ctx = context) => {
      const p = plan(text, ctx);
      expect(p.ok).toBe(false);
      return p.ok ? '' : p.question;
    };
    expect(asks('')).toBe('Type what to do, for example: train Species on penguins for 30 s, then predict new.csv.');
    expect(asks('train Species on cars')).toBe('There is no data called "cars". Import it into a data cell first, or name one of: penguins.csv, penguins, seattle-weather.');
    expect(asks('train Specie on penguins')).toBe('penguins.csv has no column "Specie". Its columns are: Species, Island, Beak Length (mm), Sex.');
    expect(asks('train on penguins', { ...context, dataCells: [{ id: penguins, fileName: 'penguins.csv', columns: ['Species', 'Island'] }] })).toBe('What should the model predict? Say "train <column> on penguins.csv"; its columns are Species, Island.');
    expect(asks('train')).toMatch(/^Say what to train on/);
    expect(asks('train Species on penguins with magic')).toMatch(/^"magic" is not a learner\./);
    expect(asks('train Species on penguins by vibes')).toMatch(/^"vibes" is not a metric\./);
    expect(asks('predict new.csv with exp-042')).toBe('There is no exp-042 in this project. Name one that has a model, or say "with production".');
    expect(asks('please make it good')).toMatch(/^I did not understand "please make it good"\./);
    expect(asks('predict', { ...context, dataCells: [] })).toMatch(/^What should it predict on\?/);
  });
});
