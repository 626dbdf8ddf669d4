'use client';
import { useState } from 'react';
import { useProject } from '@/lib/react/project-context';
import { toShownError } from '@/lib/react/error-text';
import { readModelZip } from '@/lib/react/use-experiments';
import { useProjectSummary } from '@/lib/react/use-projects';
import type { Experiment } from '@/lib/store/experiments';
import { saveFile } from '@/components/ui/save-file';
import { SaveStatus, type SaveState } from '@/components/ui/save-status';

/** Longest project part of a file name: names stay readable in a file dialog. */
const MAX_NAME_PART = 60;

/** "Palmer penguins" + exp-003 → "palmer-penguins-exp-003.model.zip". */
export function modelFileName(projectName: string | undefined, experimentName: string): string {
  const slug = (projectName ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_PART)
    .replace(/-+$/, '');
  return `${slug ? `${slug}-` : ''}${experimentName}.model.zip`;
}

/**
 * "Export model.zip": the completed experiment's stored model, to disk — the browser's save dialog
 * where it has one, a download otherwise (components/ui/save-file).
 */
export function ExportModelButton({ experiment: e }: { readonly experiment: Pick<Experiment, 'id' | 'name' | 'status' | 'modelHash'> }) {
  const { projectId } = useProject();
  const project = useProjectSummary(projectId);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const exportModel = async () => {
    setState({ kind: 'working' });
    try {
      const zip = await readModelZip(e.id);
      if (!zip) {
        setState({ kind: 'error', text: 'The model’s bytes are not in this browser any more, so it cannot be exported.' });
        return;
      }
      const name = modelFileName(project?.name, e.name);
      const outcome = await saveFile(name, new Blob([zip.blob], { type: 'application/zip' }), 'Loopbook model');
      setState(outcome === 'canceled' ? { kind: 'idle' } : { kind: 'done', text: `${outcome === 'saved' ? 'Saved' : 'Downloaded'} ${name}.` });
    } catch (error) {
      setState({ kind: 'error', text: `The model could not be exported: ${toShownError(error).message}` });
    }
  };
  return (
    <>
      <button type="button" disabled={state.kind === 'working' || e.status !== 'completed' || !e.modelHash} onClick={() => void exportModel()}>
        Export model.zip
      </button>
      <SaveStatus state={state} />
    </>
  );
}
