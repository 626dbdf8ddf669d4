'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { evaluationSchema } from '../bundle/model-manifest';
import type { ModelCandidate } from '../experiments/choose-model';
import type { Evaluation } from '../ml/evaluate';
import { modelArtifactId } from '../store/db';
import { readArtifact, readArtifactBlob, saveEvaluation, savePredictions } from '../store/predictions';
import { publishArtifacts } from '../store/records-mirror';
import { writeCellConfig, type CellView } from '../sync/project-doc';
import { datasetOf, useModelInput, type InputSource } from './use-predict-cell';
import { usePredictJob } from './use-predict-job';
import { useProject } from './project-context';

/** What an evaluate cell stores as its evaluation artifact (JSON). */
const storedEvaluationSchema = z.object({
  model: z.string(),
  data: z.string(),
  evaluation: evaluationSchema,
  notices: z.array(z.string()),
  unlabelled: z.number(),
  /** The rows are the dataset the model was trained on: its scores there are optimistic. */
  trainingData: z.boolean().optional(),
});
export type StoredEvaluation = Omit<z.infer<typeof storedEvaluationSchema>, 'evaluation'> & { readonly evaluation: Evaluation };

/**
 * An evaluate cell: a model and labelled rows in; the metrics and charts of training's held-out
 * evaluation out, stored as an evaluation artifact under the predictions it scored (which hang
 * under the model).
 */
export function useEvaluateCell(cell: CellView) {
  const { projectId, doc } = useProject();
  const shared = useModelInput(cell);
  const job = usePredictJob();
  const { config } = cell;
  const [result, setResult] = useState<{ artifactId: string; stored: StoredEvaluation; predictionsId: string } | null>(null);
  const artifact = useLiveQuery(async () => (config.artifactId ? ((await readArtifact(config.artifactId)) ?? null) : null), [config.artifactId]);

  useEffect(() => {
    if (!artifact || result?.artifactId === artifact.id) return;
    let live = true;
    void readArtifactBlob(artifact.id)
      .then(async (blob) => {
        const parsed = blob ? storedEvaluationSchema.safeParse(JSON.parse(await blob.text())) : undefined;
        if (live && parsed?.success && artifact.parentId) setResult({ artifactId: artifact.id, stored: parsed.data, predictionsId: artifact.parentId });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [artifact, result?.artifactId]);

  /** Evaluates the cell's model (or `model`, resolved by a pipeline run); true when the evaluation was stored. */
  const run = useCallback(
    async (source: InputSource, model: ModelCandidate | undefined = shared.model): Promise<boolean> => {
      if (!model?.modelHash) return false;
      const chosen = shared.input(source, {});
      if ('missing' in chosen) {
        job.setError(new Error(chosen.missing));
        return false;
      }
      writeCellConfig(doc, cell.id, { inputSource: source, fileName: chosen.what });
      const done = await job.run(async (api, jobId) => {
        const outcome = await api.evaluate({ jobId, modelHash: model.modelHash!, input: chosen.input, seed: 42 });
        const predictions = await savePredictions({ projectId, parentId: modelArtifactId(model.id), name: `${model.name} predictions on ${chosen.what}`, bytes: outcome.predictions.csv, mediaType: 'text/csv', ...datasetOf(chosen.input) });
        const trainingData = chosen.input.kind === 'dataset' && model.datasetHash !== undefined && chosen.input.datasetHash === model.datasetHash;
        const stored: StoredEvaluation = { model: model.name, data: chosen.what, evaluation: outcome.evaluation, notices: [...outcome.notices], unlabelled: outcome.unlabelled, trainingData };
        const evaluation = await saveEvaluation({ projectId, parentId: predictions.id, name: `${model.name} evaluation on ${chosen.what}`, bytes: new TextEncoder().encode(JSON.stringify(stored)), mediaType: 'application/json', ...datasetOf(chosen.input) });
        publishArtifacts(doc, [predictions, evaluation]);
        writeCellConfig(doc, cell.id, { artifactId: evaluation.id });
        setResult({ artifactId: evaluation.id, stored, predictionsId: predictions.id });
        return true;
      });
      return done === true;
    },
    [shared, job, doc, cell.id, projectId],
  );

  return { ...shared, job, run, result: result && result.artifactId === config.artifactId ? result : null };
}
