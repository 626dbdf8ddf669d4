import { createProject } from '../store/projects';
import { openProjectDoc } from '../sync/local-persistence';
import { addCell, cellText, writeCellConfig } from '../sync/project-doc';
import type { ProjectId } from '../ids';
import type { Sample } from './index';

/**
 * A new project for a sample: an introduction in markdown and a data cell that names the sample's
 * file; the data cell imports it when the project opens, through the same path as any file.
 */
export async function createSampleProject(sample: Sample): Promise<ProjectId> {
  const project = await createProject(sample.name, { sample: sample.id });
  const handle = await openProjectDoc(project.id);
  try {
    const intro = addCell(handle.doc, 'markdown');
    cellText(handle.doc, intro)?.insert(0, sample.intro);
    const data = addCell(handle.doc, 'data');
    writeCellConfig(handle.doc, data, { sourceUrl: sample.url, fileName: sample.fileName });
  } finally {
    await handle.dispose();
  }
  return project.id;
}
