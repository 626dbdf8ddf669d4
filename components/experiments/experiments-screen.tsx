'use client';
import Link from 'next/link';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { TASKS } from '@/lib/data/types';
import { FIRST_SCREEN_EXPERIMENTS, filterRows, ROW_STATUSES, sortRows, type RowSort, type RowStatus } from '@/lib/experiments/list';
import { ProjectId } from '@/lib/ids';
import type { ExperimentListRow } from '@/lib/react/use-experiments';
import { ProjectContext, type ProjectContextValue } from '@/lib/react/project-context';
import { useProjectDoc } from '@/lib/react/use-project-doc';
import { RelayProvider } from '@/components/project/relay-provider';
import { useRegistry } from '@/lib/react/use-registry';
import { readNewestExperimentsEarly, useExperimentDetail, useExperimentRows, useExperiments, useNewestExperimentRows } from '@/lib/react/use-experiments';
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

// The first rows are read as soon as this script runs, not after hydration: IndexedDB's latency
// then overlaps React's start-up.
if (typeof window !== 'undefined' && window.location.pathname.startsWith('/project/experiments')) {
  const early = new URLSearchParams(window.location.search).get('id');
  if (early !== null && ProjectId.is(early)) readNewestExperimentsEarly(early);
}

/**
 * A project's experiments: a sortable, filterable list (virtualized), one opened below it, or two
 * or more compared. The project, the opened experiment and the compared ones live in the URL.
 * A model.zip dropped on the view (or picked with "Import model.zip") becomes an experiment.
 */
export function ExperimentsScreen() {
  const [params, update] = useUrlState();
  const id = params?.get('id') ?? null;
  const state = useProjectDoc(params ? (id ?? '') : null);
  const projectId = id !== null && ProjectId.is(id) ? id : undefined;
  // The first screen is read while the notebook's document opens, not after it: it needs no Yjs.
  const firstScreen = useNewestExperimentRows(projectId);
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
  // Rows show before the document opens only when there are some: an empty list could as well be
  // a project that is not in this browser, which the document's opening tells.
  if (!params || !projectId || (!context && !firstScreen?.length)) {
    return (
      <Shell>
        <p className="muted">Opening the project…</p>
      </Shell>
    );
  }
  return <ExperimentsView projectId={projectId} context={context} firstScreen={firstScreen} params={params} update={update} />;
}

interface ExperimentsViewProps {
  readonly projectId: ProjectId;
  /** The open notebook: null while its document opens (the list needs none of it). */
  readonly context: ProjectContextValue | null;
  /** The project's newest rows (all of them when fewer than FIRST_SCREEN_EXPERIMENTS), undefined while loading. */
  readonly firstScreen: readonly ExperimentListRow[] | undefined;
  readonly params: URLSearchParams;
  readonly update: (patch: Record<string, string | undefined>) => void;
}

/**
 * The list shows as soon as its rows are read; the registry, the import of a model.zip and an
 * opened experiment, which write to the notebook's document, join once it is open.
 */
function ExperimentsView({ projectId, context, firstScreen, params, update }: ExperimentsViewProps) {
  const list = useExperimentList(projectId, firstScreen, context !== null);
  const open = (experimentId: string) => update({ exp: experimentId, compare: undefined });
  if (!context) {
    return (
      <Shell projectId={projectId}>
        <ExperimentsHeading projectId={projectId} />
        {/* As tall as an empty registry: the list below does not jump when the registry arrives. */}
        <section aria-label="Model registry" className="card stack registry-opening">
          <h2>Model registry</h2>
          <p className="muted">Opening the project…</p>
        </section>
        <ExperimentsList list={list} openId={params.get('exp') ?? undefined} stages={NO_STAGES} onOpen={open} update={update} />
      </Shell>
    );
  }
  return (
    <ProjectContext.Provider value={context}>
      {/* A shared project stays connected here too: a collaborator's runs and promotions arrive live. */}
      <RelayProvider>
        <OpenProjectView projectId={projectId} list={list} params={params} update={update} />
      </RelayProvider>
    </ProjectContext.Provider>
  );
}

const NO_STAGES: ReadonlyMap<string, string> = new Map();

/** The rows, and the list's sort, filters and selection (kept while the notebook's document opens). */
interface ExperimentList {
  readonly rows: readonly ExperimentListRow[] | undefined;
  readonly shown: readonly ExperimentListRow[];
  /** False while only the newest rows are read. */
  readonly complete: boolean;
  readonly sort: RowSort;
  readonly setSort: (sort: RowSort) => void;
  readonly filter: { readonly text: string; readonly status: RowStatus | ''; readonly task: string };
  readonly setFilter: (patch: Partial<ExperimentList['filter']>) => void;
  readonly selected: ReadonlySet<string>;
  readonly select: (experimentId: string, on: boolean) => void;
}

function useExperimentList(projectId: ProjectId, firstScreen: readonly ExperimentListRow[] | undefined, documentOpen: boolean): ExperimentList {
  // The whole list is read only when there is more than the first screen, and after it and the
  // notebook's document: IndexedDB serves one read after another, and its second or so at 10,000
  // experiments would hold back the first rows and the registry.
  const needsAll = firstScreen !== undefined && firstScreen.length >= FIRST_SCREEN_EXPERIMENTS;
  const all = useExperimentRows(needsAll && documentOpen ? projectId : undefined);
  const rows = needsAll ? (all ?? firstScreen) : firstScreen;
  const [sort, setSort] = useState<RowSort>({ key: 'number', ascending: false });
  const [filter, setFilterState] = useState<ExperimentList['filter']>({ text: '', status: '', task: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => {
    const { text, status, task } = filter;
    return rows ? sortRows(filterRows(rows, { text, ...(status ? { status } : {}), ...(task ? { task } : {}) }), sort) : [];
  }, [rows, filter, sort]);
  const setFilter = useCallback((patch: Partial<ExperimentList['filter']>) => setFilterState((f) => ({ ...f, ...patch })), []);
  const select = useCallback(
    (experimentId: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(experimentId);
        else next.delete(experimentId);
        return next;
      }),
    [],
  );
  return { rows, shown, complete: !needsAll || all !== undefined, sort, setSort, filter, setFilter, selected, select };
}

function ExperimentsHeading({ projectId, children }: { readonly projectId: ProjectId; readonly children?: React.ReactNode }) {
  const project = useProjectSummary(projectId);
  return (
    <div className="row">
      <h1 style={{ margin: 0 }}>Experiments{project ? ` · ${project.name}` : ''}</h1>
      <span className="spacer" />
      {children}
      <UserNameField />
    </div>
  );
}

interface ExperimentsListProps {
  readonly list: ExperimentList;
  readonly openId: string | undefined;
  /** Experiment id → the registry stage its model holds. */
  readonly stages: ReadonlyMap<string, string>;
  readonly onOpen: (experimentId: string) => void;
  readonly update: (patch: Record<string, string | undefined>) => void;
}

function ExperimentsList({ list, openId, stages, onOpen, update }: ExperimentsListProps) {
  const { rows, shown, complete, filter, setFilter, selected } = list;
  const imported = useMemo(() => new Map((rows ?? []).flatMap((r) => (r.importedFrom !== undefined ? [[r.id, r.importedFrom] as const] : []))), [rows]);
  if (rows === undefined) return <p className="muted">Loading experiments…</p>;
  if (rows.length === 0) return <p className="muted">No experiments yet: add a train cell in the notebook and press Train, or drop a model.zip here to import it.</p>;
  return (
    <>
      <div className="row experiments-filters" role="search">
        <input type="search" aria-label="Filter experiments" placeholder="Filter: name, dataset, label, learner, person" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} />
        <select aria-label="Status" value={filter.status} onChange={(e) => setFilter({ status: ROW_STATUSES.find((s) => s === e.target.value) ?? '' })}>
          <option value="">Any status</option>
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Task" value={filter.task} onChange={(e) => setFilter({ task: e.target.value })}>
          <option value="">Any task</option>
          {TASKS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <span className="muted small" aria-live="polite">
          {shown.length} of {complete ? rows.length : `the newest ${rows.length}, loading the rest…`}
        </span>
        <span className="spacer" />
        <button type="button" disabled={selected.size < 2} onClick={() => update({ compare: [...selected].join(','), exp: undefined })}>
          Compare selected ({selected.size})
        </button>
      </div>
      <ExperimentsTable rows={shown} sort={list.sort} onSort={list.setSort} selected={selected} onSelect={list.select} openId={openId} stages={stages} imported={imported} onOpen={onOpen} />
    </>
  );
}

interface OpenProjectViewProps {
  readonly projectId: ProjectId;
  readonly list: ExperimentList;
  readonly params: URLSearchParams;
  readonly update: (patch: Record<string, string | undefined>) => void;
}

function OpenProjectView({ projectId, list, params, update }: OpenProjectViewProps) {
  const { rows } = list;
  const registry = useRegistry();
  const openId = params.get('exp') ?? undefined;
  const compareIds = useMemo(() => (params.get('compare') ?? '').split(',').filter(Boolean), [params]);
  const detail = useExperimentDetail(compareIds.length > 0 ? undefined : openId);
  const compared = useExperiments(compareIds);
  const open = useCallback((experimentId: string) => update({ exp: experimentId, compare: undefined }), [update]);
  const importer = useModelImport(open);

  const nameOf = (experimentId: string) => rows?.find((r) => r.id === experimentId)?.name;
  const stages = new Map<string, string>();
  for (const stage of ['staging', 'production'] as const) {
    const holder = registry.state[stage];
    if (holder) stages.set(holder.experimentId, stage);
  }
  return (
    <Shell projectId={projectId}>
      <ModelDropTarget importer={importer}>
        <ExperimentsHeading projectId={projectId}>
          <ModelImportButton importer={importer} />
        </ExperimentsHeading>
        <ModelImportMessages importer={importer} />
        <RegistryPanel registry={registry} nameOf={nameOf} onOpen={open} />
        <ExperimentsList list={list} openId={openId} stages={stages} onOpen={open} update={update} />
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
      <TopBar>{projectId && <Link href={`/project?id=${projectId}`} prefetch={false}>← Notebook</Link>}</TopBar>
      <main className="page stack" style={{ gap: 16 }}>
        {children}
      </main>
    </>
  );
}
