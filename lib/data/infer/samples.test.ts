import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Table } from '../types';
import { collectWarnings, inferSchema, inferTask, profileTable, suggestLabel } from './index';
import { tableFromCsv, tableFromRows } from './test/table-from-rows';

/** The sample files the app ships (public/samples). */
function sample(file: string): Table {
  return tableFromCsv(readFileSync(fileURLToPath(new URL(`../../../public/samples/${file}`, import.meta.url)), 'utf8'));
}

function analyse(table: Table) {
  const schema = inferSchema(table);
  const profile = profileTable(table, schema);
  const { label, reason } = suggestLabel(table, schema, profile);
  const task = inferTask(table, schema, profile, label);
  return { schema, profile, label, reason, task, warnings: collectWarnings(table, schema, profile, label) };
}

describe('sample data', () => {
  it('penguins: suggests Species for multiclass, since Sex has gaps', () => {
    const result = analyse(sample('penguins.csv'));
    expect(result.schema.map((c) => c.type)).toEqual(['categorical', 'categorical', 'float', 'float', 'integer', 'integer', 'categorical']);
    expect(result.label).toBe('Species');
    expect(result.reason).toBe('Species is the first column and has no missing values; the last column, Sex, is missing in 10 rows.');
    expect(result.task).toMatchObject({ task: 'multiclass', classes: 3 });
    expect(result.warnings).toEqual([]);
  });

  it('seattle-weather: reads the date column as dates and suggests weather', () => {
    const result = analyse(sample('seattle-weather.csv'));
    expect(result.schema[0]).toMatchObject({ name: 'date', type: 'datetime', included: true });
    expect(result.label).toBe('weather');
    expect(result.task).toMatchObject({ task: 'multiclass', classes: 5 });
  });

  it('cars (excerpt): suggests the last column, Origin', () => {
    const header = ['Name', 'Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin'];
    const table = tableFromRows(header, [
      ['chevrolet chevelle malibu', '18', '8', '307', '130', '3504', '12', '1970-01-01', 'USA'],
      ['buick skylark 320', '15', '8', '350', '165', '3693', '11.5', '1970-01-01', 'USA'],
      ['citroen ds-21 pallas', '', '4', '133', '115', '3090', '17.5', '1970-01-01', 'Europe'],
      ['ford pinto', '25', '4', '98', '', '2046', '19', '1971-01-01', 'USA'],
      ['datsun pl510', '27', '4', '97', '88', '2130', '14.5', '1970-01-01', 'Japan'],
    ]);
    const result = analyse(table);
    expect(result.schema.find((c) => c.name === 'Year')?.type).toBe('datetime');
    expect(result.label).toBe('Origin');
    expect(result.reason).toBe('Origin is the last column and has no missing values.');
    expect(result.task).toMatchObject({ task: 'multiclass', classes: 3 });
  });
});
