'use client';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { ProjectContext } from '@/lib/react/project-context';
import { useProjectDoc } from '@/lib/react/use-project-doc';
import { useProjectSummary } from '@/lib/react/use-projects';
import { WorkersContext, type Workers } from '@/lib/react/workers-context';
import { ingestWorker } from '@/workers/ingest.client';
import { predictWorker, terminatePredictWorker } from '@/workers/predict.client';
import { ensureTrialWorkers, sweepWorkers, terminateTrainWorker, trainWorker } from '@/workers/train.client';
import { Notebook } from '@/components/notebook/notebook';
import { ProjectSettingsPanel } from './project-settings';
import { useDropGuard } from '@/components/ui/use-drop-guard';
import { PresenceBar } from './presence-bar';
import { ReadOnlyWhenLinkIs, RelayProvider } from './relay-provider';
import { ShareButton } from './share-dialog';
import { TopBar } from './top-bar';

const WORKERS: Workers = { ingest: ingestWorker, train: trainWorker, terminateTrain: terminateTrainWorker, trialWorkers: ensureTrialWorkers, sweepWorkers, predict: predictWorker, terminatePredict: terminatePredictWorker };

/** A project's notebook. The id comes from `?id=` and is read after mounting (one static page). */
export function ProjectScreen() {
  const [id, setId] = useState<string | null>(null);
  useEffect(() => {
    setId(new URLSearchParams(window.location.search).get('id') ?? '');
  }, []);
  useDropGuard();
  const state = useProjectDoc(id);
  const live = useProjectSummary(state.status === 'ready' ? state.project.id : undefined);
  const context = useMemo(
    () => (state.status === 'ready' ? { projectId: state.project.id, doc: state.doc } : null),
    [state],
  );

  return (
    <WorkersContext.Provider value={WORKERS}>
      <TopBar />
      <main className="page stack" style={{ gap: 16 }}>
        {state.status === 'loading' && <p className="muted">Opening the project…</p>}
        {state.status === 'missing' && (
          <div className="message error" role="alert">
            <strong>This project is not in this browser</strong>
            It may have been deleted, or the link was made in another browser. <Link href="/">Back to your projects</Link>
          </div>
        )}
        {state.status === 'failed' && (
          <div className="message error" role="alert">
            <strong>The project could not be opened</strong>
            {state.error.message}
          </div>
        )}
        {context && state.status === 'ready' && (
          <ProjectContext.Provider value={context}>
            <RelayProvider>
              <div className="row">
                <h1 style={{ margin: 0 }}>{live?.name ?? state.project.name}</h1>
                <span className="spacer" />
                <PresenceBar />
                <ShareButton />
                <Link href={`/project/experiments?id=${state.project.id}`}>Experiments{live && live.experimentCount > 0 ? ` (${live.experimentCount})` : ''}</Link>
              </div>
              <ReadOnlyWhenLinkIs>
                <ProjectSettingsPanel />
                <Notebook />
              </ReadOnlyWhenLinkIs>
            </RelayProvider>
          </ProjectContext.Provider>
        )}
      </main>
    </WorkersContext.Provider>
  );
}

