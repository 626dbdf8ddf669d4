import { describe, expect, it } from 'vitest';
import type { Table, TaskInference } from '../types';
import { withOverrides } from './overrides';
import type { SchemaOverrides } from './overrides';
import { profileTable } from './profile';
import { inferSchema } from './schema';
import { inferTask } from './task';
import { tableFromColumns } from './test/table-from-rows';

function taskOf(cells: string[], overrides: SchemaOverrides = {}): TaskInference {
  const table: Table = tableFromColumns({ y: cells });
  const schema = withOverrides(table, inferSchema(table), overrides);
  return inferTask(table, schema, profileTable(table, schema), 'y');
}

const repeat = (values: string[], n: number): string[] => Array.from({ length: n }, (_, i) => values[i % values.length] ?? '');

describe('inferTask', () => {
  it('calls yes/no or two-valued labels binary', () => {
    expect(taskOf(['yes', 'no', 'no'])).toEqual({ task: 'binary', classes: 2, reason: 'y holds yes/no values, so this is binary classification.' });
    expect(taskOf(['cat', 'dog', 'dog'])).toMatchObject({ task: 'binary', classes: 2 });
    expect(taskOf(['0', '1', '1'])).toMatchObject({ task: 'binary', classes: 2 });
  });

  it('calls categories multiclass with the class count', () => {
    expect(taskOf(['Adelie', 'Gentoo', 'Chinstrap', 'Adelie'])).toEqual({
      task: 'multiclass',
      classes: 3,
      reason: 'y is categorical with 3 classes, so this is multiclass classification.',
    });
  });

  it('calls few repeated whole numbers classes, and many distinct ones regression', () => {
    expect(taskOf(repeat(['1', '2', '3', '4', '5'], 150))).toMatchObject({ task: 'multiclass', classes: 5 });
    // 300 rows: 10 values are within 5% of the rows.
    expect(taskOf(repeat(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], 300))).toMatchObject({ task: 'multiclass', classes: 10 });
    // 11 values: too many to be classes.
    const eleven = taskOf(repeat(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'], 300));
    expect(eleven.task).toBe('regression');
    expect(eleven.classes).toBeUndefined();
    // 250 rows, only 150 labelled: 10 values are more than 5% of 150.
    const sparse = taskOf([...repeat(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], 150), ...repeat([''], 100)]);
    expect(sparse.task).toBe('regression');
  });

  it('calls decimals regression', () => {
    expect(taskOf(['1.5', '2.25', '3.5', '9'])).toEqual({
      task: 'regression',
      reason: 'y holds decimal numbers with 4 different values, so this is regression.',
    });
  });

  it('refuses text, ids, dates and constants with a reason', () => {
    expect(taskOf(['2020-01-01', '2020-02-01', '2020-03-01'])).toMatchObject({ task: null, reason: expect.stringContaining('holds dates') });
    expect(taskOf(['a b c', 'd e f', 'g h i'], { y: { type: 'text' } }).task).toBeNull();
    expect(taskOf(repeat(['7'], 10))).toMatchObject({ task: null, reason: 'y has only one value, so there is nothing to predict.' });
  });

  it('has no task without a label', () => {
    const table = tableFromColumns({ y: ['1', '2'] });
    const schema = inferSchema(table);
    expect(inferTask(table, schema, profileTable(table, schema), null).task).toBeNull();
  });
});
