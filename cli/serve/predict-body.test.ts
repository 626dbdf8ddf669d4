import { describe, expect, it } from 'vitest';
import type { CsvColumn } from '../../lib/data/write-csv';
import { findDataRows, readPredictBody, writePredictResponse } from './predict-body';

const bytes = (text: string) => new TextEncoder().encode(text);
const PREDICTED: CsvColumn[] = [
  { kind: 'computed', name: 'prediction', values: ['yes', 'no'] },
  { kind: 'computed', name: 'prob_yes', values: Float64Array.of(0.75, Number.NaN) },
];

function answer(text: string): unknown {
  const body = bytes(text);
  const { table } = readPredictBody(body);
  return JSON.parse(writePredictResponse(body, table, PREDICTED, ['a note']).toString());
}

describe('the POST /predict answer', () => {
  it('echoes each row as sent, nested values, escapes and odd spacing included, then its predictions', () => {
    const text = '{ "index": [[9]], "columns" : ["a", "b"],\n "data" : [ [1.50, "x\\"]"] , [ null, {"k": [1, "]"]} ] ] }';
    expect(answer(text)).toEqual({
      columns: ['a', 'b', 'prediction', 'prob_yes'],
      data: [
        [1.5, 'x"]', 'yes', 0.75],
        [null, { k: [1, ']'] }, 'no', null],
      ],
      notices: ['a note'],
    });
  });

  it('finds the rows of the last "data" key only, and writes from the table when it cannot find them', () => {
    const twice = '{"data": [[1]], "columns": ["a"], "data": [[2], [3]]}';
    const [two, three] = [twice.indexOf('[2]'), twice.indexOf('[3]')];
    expect(Array.from(findDataRows(bytes(twice))!)).toEqual([two, two + 2, three, three + 2]);
    expect(findDataRows(bytes('{"columns": ["data"], "rows": [[1]]}'))).toBeNull();
    // "d\u0061ta" is "data" to JSON.parse but not to the byte scan: the fallback writes the same answer from the table.
    expect(answer('{"columns": ["a", "b"], "d\\u0061ta": [[1.50, "x"], [null, "y"]]}')).toEqual({
      columns: ['a', 'b', 'prediction', 'prob_yes'],
      data: [
        [1.5, 'x', 'yes', 0.75],
        [null, 'y', 'no', null],
      ],
      notices: ['a note'],
    });
  });
});
