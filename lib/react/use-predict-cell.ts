'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ModelManifest } from '../bundle/model-manifest';
import type { ModelCandidate } from '../experiments/choose-model';
import type { PredictInput, PredictionView } from '../jobs/predict-protocol';
import { dataSources } from '../pipeline/bindings';
import { modelArtifactId } from '../store/db';
import { readArtifact, savePredictions } from '../store/predictions';
import { publishArtifacts } from '../store/records-mirror';
import { writeCellConfig, type CellView } from '../sync/project-doc';
import { toShownError, type ShownError } from './error-text';
import { useCells } from './use-cells';
import { useModelChoice } from './use-model-choice';
import { usePredictJob } from './use-predict-job';
import { useProject } from './project-context';
import { useBlobHere } from './use-blob-here';
import { useStoredDataset } from './use-stored-dataset';
import { useWorkers } from './workers-context';

export type InputSource = 'cell' | 'file' | 'row';

/**
 * What predict and evaluate cells share: the model in use and its manifest (for the row form and
 * the label), the data cells above to take rows from, the picked file, and how to turn the cell's
 * choice into a worker input.
 */
export function useModelInput(cell: CellView) {
  const { doc } = useProject();
  const workers = useWorkers();
  const cells = useCells(doc);
  const { config } = cell;
  const choice = useModelChoice(config.model);
  const index = cells.findIndex((c) => c.id === cell.id);
  const { sources, source } = dataSources(cells, index, config.sourceCellId);
  const dataset = useStoredDataset(source?.config.datasetHash);
  const [file, setFile] = useState<File | null>(null);
  const model = choice.chosen?.type === 'model' ? choice.chosen.experiment : undefined;
  // A collaborator's model is fetched from the shared project before the worker reads it.
  const modelBlob = useBlobHere(model?.modelHash, 'application/zip');
  const modelHere = modelBlob.phase === 'here' || modelBlob.phase === 'absent';
  const [manifest, setManifest] = useState<{ hash: string; manifest: ModelManifest } | { hash: string; error: ShownError } | null>(null);
  useEffect(() => {
    const hash = model?.modelHash;
    if (!hash || !modelHere || !workers.predict || manifest?.hash === hash) return;
    let live = true;
    workers
      .predict()
      .describe(hash)
      .then(
        (summary) => live && setManifest({ hash, manifest: summary.manifest }),
        (error: unknown) => live && setManifest({ hash, error: toShownError(error) }),
      );
    return () => {
      live = false;
    };
  }, [model?.modelHash, modelHere, workers, manifest?.hash]);
  const current = manifest && model?.modelHash === manifest.hash ? manifest : null;

  /** The worker input for the cell's source, or why there is none yet. */
  const input = useCallback(
    (kind: InputSource, row: Readonly<Record<string, string>>): { input: PredictInput; what: string } | { missing: string } => {
      if (kind === 'file') return file ? { input: { kind: 'file', file }, what: file.name } : { missing: 'Choose a CSV or JSON file of rows to predict.' };
      if (kind === 'row') return { input: { kind: 'row', values: row }, what: 'one typed row' };
      const hash = source?.config.datasetHash;
      if (!hash) return { missing: 'Import a dataset in a data cell above, or choose a file.' };
      const parseOptions = dataset ? { ...(dataset.delimiter ? { delimiter: dataset.delimiter } : {}), encoding: dataset.encoding } : undefined;
      return { input: { kind: 'dataset', datasetHash: hash, ...(parseOptions ? { parseOptions } : {}) }, what: source.config.fileName ?? 'the data cell' };
    },
    [file, source, dataset],
  );

  return { ...choice, model, modelBlob, manifest: current && 'manifest' in current ? current.manifest : undefined, modelError: current && 'error' in current ? current.error : undefined, sources, source, rowCount: dataset?.rowCount, file, setFile, input };
}

/** A predict cell: the model and rows chosen, Run, and the latest predictions (kept as an artifact). */
export function usePredictCell(cell: CellView) {
  const { projectId, doc } = useProject();
  const workers = useWorkers();
  const shared = useModelInput(cell);
  const job = usePredictJob();
  const { config } = cell;
  const [result, setResult] = useState<{ artifactId: string; view: PredictionView; notices: readonly string[]; model: string } | null>(null);
  const stored = useLiveQuery(async () => (config.artifactId ? ((await readArtifact(config.artifactId)) ?? null) : null), [config.artifactId]);

  // After a reload (or a collaborator's run), the cell's latest predictions are read back from their blob.
  useEffect(() => {
    if (!stored || result?.artifactId === stored.id || !stored.blobHash || !workers.predict) return;
    let live = true;
    void workers
      .predict()
      .readPredictions(stored.blobHash)
      .then((view) => live && view && setResult({ artifactId: stored.id, view, notices: [], model: stored.name.split(' ')[0] ?? '' }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [stored, result?.artifactId, workers]);

  /** Predicts with the cell's model (or `model`, resolved by a pipeline run); true when the predictions were stored. */
  const run = useCallback(
    async (source: InputSource, row: Readonly<Record<string, string>>, model: ModelCandidate | undefined = shared.model): Promise<boolean> => {
      if (!model?.modelHash) return false;
      const chosen = shared.input(source, row);
      if ('missing' in chosen) {
        job.setError(new Error(chosen.missing));
        return false;
      }
      writeCellConfig(doc, cell.id, { inputSource: source, ...(source === 'row' ? { row: { ...row } } : {}), fileName: chosen.what });
      const done = await job.run(async (api, jobId) => {
        const outcome = await api.predict({ jobId, modelHash: model.modelHash!, input: chosen.input });
        const artifact = await savePredictions({ projectId, parentId: modelArtifactId(model.id), name: `${model.name} predictions on ${chosen.what}`, bytes: outcome.csv, mediaType: 'text/csv', ...datasetOf(chosen.input) });
        publishArtifacts(doc, [artifact]);
        writeCellConfig(doc, cell.id, { artifactId: artifact.id });
        const { csv: _bytes, notices, ...view } = outcome;
        setResult({ artifactId: artifact.id, view, notices, model: model.name });
        return true;
      });
      return done === true;
    },
    [shared, job, doc, cell.id, projectId],
  );

  const shown = useMemo(() => (result && result.artifactId === config.artifactId ? result : null), [result, config.artifactId]);
  return { ...shared, job, run, result: shown, artifact: stored ?? undefined };
}

/** The stored dataset an input reads, as a record's field. */
export function datasetOf(input: PredictInput): { datasetHash?: string } {
  return input.kind === 'dataset' ? { datasetHash: input.datasetHash } : {};
}
