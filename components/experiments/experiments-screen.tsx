'use client';
import Link from 'next/link';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { TASKS } from '@/lib/data/types';
import { filterRows, ROW_STATUSES, sortRows, type RowSort, type RowStatus } from '@/lib/experiments/list';
import { ProjectId } from '@/lib/ids';
import type { ExperimentListRow } from '@/lib/react/use-experiments';
import { ProjectContext } from '@/lib/react/project-context';
import { useProjectDoc } from '@/lib/react/use-project-doc';
import { RelayProvider } from '@/components/project/relay-provider';
import { useRegistry } from '@/lib/react/use-registry';
import { FIRST_SCREEN_EXPERIMENTS, useExperimentDetail, useExperimentRows, useExperiments, useNewestExperimentRows } from '@/lib/react/use-experiments';
import { useProjectSummary } from '@/lib/react/use-projects';
import { TopBar } from '@/components/project/top-bar';
import { ExperimentsTable } from './experiments-table';
import { ModelDropTarget, ModelImportButton, ModelImportMessages, useModelImport } from './model-import';
import { RegistryPanel } from './registry-panel';
import { UserNameField } from './user-name-field';
import { useUrlState } from './use-url-state';

// The detail and the comparison draw charts (Observable Plot and d3, ~300 kB): loaded when one is
// opened, so that the list's first rows do not wait for them to be parsed.
const ExperimentDetail = lazy(() => import('./experiment-detail').then((m) => ({ default: m.ExperimentDetail })));
const ExperimentCompare = lazy(() => import('./experiment-compare').then((m) => ({ default: m.ExperimentCompare })));

/**
 * A project's experiments: a sortable, filterable list (virtualized), one opened below it, or two
 * or more compared. The project, the opened experiment and the compared ones live in the URL.
 * A model.zip dropped on the view (or picked with "Import model.zip") becomes an experiment.
 */
export function ExperimentsScreen() {
  const [params, update] = useUrlState();
  const id = params?.get('id') ?? null;
  const state = useProjectDoc(params ? (id ?? '') : null);
  // The first screen is read while the notebook's document opens, not after it: it needs no Yjs.
  const firstScreen = useNewestExperimentRows(id !== null && ProjectId.is(id) ? id : undefined);
  const context = useMemo(() => (state.status === 'ready' ? { projectId: state.project.id, doc: state.doc } : null), [state]);
  if (state.status === 'missing') {
    return (
      <Shell>
        <p role="alert" className="message error">
          This project is not in this browser. <Link href="/">Back to your projects</Link>
        </p>
      </Shell>
    );
  }
  if (state.status === 'failed') {
    return (
      <Shell>
        <p role="alert" className="message error">
          The project could not be opened: {state.error.message}
        </p>
      </Shell>
    );
  }
  if (!context || !params) {
    return (
      <Shell>
        <p className="muted">Opening the project…</p>
      </Shell>
    );
  }
  return (
    <ProjectContext.Provider value={context}>
      {/* A shared project stays connected here too: a collaborator's runs and promotions arrive live. */}
      <RelayProvider>
        <ExperimentsView projectId={context.projectId} firstScreen={firstScreen} params={params} update={update} />
      </RelayProvider>
    </ProjectContext.Provider>
  );
}

interface ExperimentsViewProps {
  readonly projectId: ProjectId;
  /** The project's newest rows (all of them when fewer than FIRST_SCREEN_EXPERIMENTS), undefined while loading. */
  readonly firstScreen: readonly ExperimentListRow[] | undefined;
  readonly params: URLSearchParams;
  readonly update: (patch: Record<string, string | undefined>) => void;
}

function ExperimentsView({ projectId, firstScreen, params, update }: ExperimentsViewProps) {
  const project = useProjectSummary(projectId);
  // The whole list is read once the first screen is there (in parallel, its few hundred ms of
  // reading and parsing at 10,000 experiments would hold the first rows back), and only when
  // there is more than the first screen.
  const needsAll = firstScreen !== undefined && firstScreen.length >= FIRST_SCREEN_EXPERIMENTS;
  const all = useExperimentRows(needsAll ? projectId : undefined);
  const rows = needsAll ? (all ?? firstScreen) : firstScreen;
  const complete = !needsAll || all !== undefined;
  const registry = useRegistry();
  const [sort, setSort] = useState<RowSort>({ key: 'number', ascending: false });
  const [text, setText] = useState('');
  const [status, setStatus] = useState<RowStatus | ''>('');
  const [task, setTask] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => (rows ? sortRows(filterRows(rows, { text, ...(status ? { status } : {}), ...(task ? { task } : {}) }), sort) : []), [rows, text, status, task, sort]);
  const openId = params.get('exp') ?? undefined;
  const compareIds = useMemo(() => (params.get('compare') ?? '').split(',').filter(Boolean), [params]);
  const detail = useExperimentDetail(compareIds.length > 0 ? undefined : openId);
  const compared = useExperiments(compareIds);
  const openImported = useCallback((experimentId: string) => update({ exp: experimentId, compare: undefined }), [update]);
  const importer = useModelImport(openImported);
  const imported = useMemo(() => new Map((rows ?? []).flatMap((r) => (r.importedFrom !== undefined ? [[r.id, r.importedFrom] as const] : []))), [rows]);

  const nameOf = (experimentId: string) => rows?.find((r) => r.id === experimentId)?.name;
  const stages = new Map<string, string>();
  for (const stage of ['staging', 'production'] as const) {
    const holder = registry.state[stage];
    if (holder) stages.set(holder.experimentId, stage);
  }
  return (
    <Shell projectId={projectId}>
      <ModelDropTarget importer={importer}>
        <div className="row">
          <h1 style={{ margin: 0 }}>Experiments{project ? ` · ${project.name}` : ''}</h1>
          <span className="spacer" />
          <ModelImportButton importer={importer} />
          <UserNameField />
        </div>
        <ModelImportMessages importer={importer} />
        <RegistryPanel registry={registry} nameOf={nameOf} onOpen={(experimentId) => update({ exp: experimentId, compare: undefined })} />
        {rows === undefined ? (
          <p className="muted">Loading experiments…</p>
        ) : rows && rows.length === 0 ? (
          <p className="muted">No experiments yet: add a train cell in the notebook and press Train, or drop a model.zip here to import it.</p>
        ) : (
          <>
            <div className="row experiments-filters" role="search">
              <input type="search" aria-label="Filter experiments" placeholder="Filter: name, dataset, label, learner, person" value={text} onChange={(e) => setText(e.target.value)} />
              <select aria-label="Status" value={status} onChange={(e) => setStatus(ROW_STATUSES.find((s) => s === e.target.value) ?? '')}>
                <option value="">Any status</option>
                {ROW_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              <select aria-label="Task" value={task} onChange={(e) => setTask(e.target.value)}>
                <option value="">Any task</option>
                {TASKS.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <span className="muted small" aria-live="polite">
                {shown.length} of {complete ? (rows?.length ?? 0) : `the newest ${rows?.length ?? 0}, loading the rest…`}
              </span>
              <span className="spacer" />
              <button type="button" disabled={selected.size < 2} onClick={() => update({ compare: [...selected].join(','), exp: undefined })}>
                Compare selected ({selected.size})
              </button>
            </div>
            <ExperimentsTable
              rows={shown}
              sort={sort}
              onSort={setSort}
              selected={selected}
              onSelect={(rowId, on) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (on) next.add(rowId);
                  else next.delete(rowId);
                  return next;
                })
              }
              openId={openId}
              stages={stages}
              imported={imported}
              onOpen={(rowId) => update({ exp: rowId, compare: undefined })}
            />
          </>
        )}
        {compareIds.length > 0 && compared && (
          <>
            <div className="row">
              <button type="button" onClick={() => update({ compare: undefined })}>
                Close comparison
              </button>
            </div>
            {compared.length >= 2 ? (
              <Suspense fallback={<p className="muted">Opening the comparison…</p>}>
                <ExperimentCompare experiments={compared} />
              </Suspense>
            ) : (
              <p className="message info">Choose two or more experiments that still exist to compare them.</p>
            )}
          </>
        )}
        {compareIds.length === 0 && openId && detail === null && <p className="message info">This experiment is not in this project any more.</p>}
        {compareIds.length === 0 && detail && (
          <Suspense fallback={<p className="muted">Opening {detail.experiment.name}…</p>}>
            <ExperimentDetail experiment={detail.experiment} trials={detail.trials} registry={registry} onDeleted={() => update({ exp: undefined })} />
          </Suspense>
        )}
      </ModelDropTarget>
    </Shell>
  );
}

function Shell({ projectId, children }: { readonly projectId?: string; readonly children: React.ReactNode }) {
  return (
    <>
      <TopBar>{projectId && <Link href={`/project?id=${projectId}`}>← Notebook</Link>}</TopBar>
      <main className="page stack" style={{ gap: 16 }}>
        {children}
      </main>
    </>
  );
}
