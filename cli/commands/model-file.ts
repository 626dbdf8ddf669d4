/** Loads a model.zip for the commands that use one. */
import { readModelZip, type ModelBundle } from '../../lib/bundle';
import { readInputFile } from '../io';

export async function loadModel(path: string): Promise<ModelBundle> {
  return readModelZip(await readInputFile(path, 'a model.zip'));
}
