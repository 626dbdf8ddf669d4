/**
 * The sample projects that ship with the app. Their files live in `public/samples/` (copied from
 * shared/data, vega-datasets 3.2.1, BSD-3-Clause) and are fetched from the app's own origin.
 */

export interface Sample {
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  readonly url: string;
  readonly summary: string;
  /** The markdown that opens the sample notebook. */
  readonly intro: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'penguins',
    name: 'Palmer penguins',
    fileName: 'penguins.csv',
    url: '/samples/penguins.csv',
    summary: '344 penguins, 7 columns: predict the species from beak, flipper and body measurements.',
    intro:
      '## About this data\n\n' +
      'Measurements of 344 penguins from three islands of the Palmer Archipelago (CC0).\n\n' +
      'The question: **which species is this penguin?** A multiclass task with three classes.',
  },
  {
    id: 'seattle-weather',
    name: 'Seattle weather',
    fileName: 'seattle-weather.csv',
    url: '/samples/seattle-weather.csv',
    summary: '1,461 days of Seattle weather: predict the kind of day from temperature, wind and rain.',
    intro:
      '## About this data\n\n' +
      'Daily weather in Seattle from 2012 to 2015.\n\n' +
      'The question: **what kind of day was it** (sun, rain, drizzle, snow, fog)? Five classes, imbalanced.',
  },
];

export function findSample(id: string): Sample | undefined {
  return SAMPLES.find((s) => s.id === id);
}
