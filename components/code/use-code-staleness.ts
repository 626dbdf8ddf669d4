'use client';
import { useLiveQuery } from 'dexie-react-hooks';
import { codeConfig } from '@/lib/code/config';
import type { Task } from '@/lib/data/types';
import type { CellId } from '@/lib/ids';
import { settingsStaleness } from '@/lib/pipeline/stale';
import { readArtifact, readArtifactBlob } from '@/lib/store/predictions';
import { useReportStale } from '@/components/notebook/cell-runners';

interface CodeNow {
  readonly source: string;
  readonly language: string;
  readonly configText: string;
  readonly label: string | undefined;
  readonly task: Task | undefined;
  readonly dataHash: string | undefined;
  readonly futureHash: string | undefined;
}

const WORDS = { source: 'code', language: 'language', config: 'config', data: 'training rows', future: 'rows to predict' } as const;

/**
 * A code cell's latest run against the cell as it is now: its code, language, config and the
 * datasets it read (read back from the run's stored config artifact). Heavy: reported, never re-run by itself.
 */
export function useCodeStaleness(cellId: CellId, modelArtifactId: string | undefined, predictionsId: string | undefined, now: CodeNow, running: boolean): void {
  const used = useLiveQuery(async () => {
    const model = modelArtifactId ? await readArtifact(modelArtifactId) : undefined;
    const config = model?.parentId ? await readArtifact(model.parentId) : undefined;
    const blob = config ? await readArtifactBlob(config.id) : undefined;
    if (!config || !blob) return null;
    let stored: { source?: unknown; language?: unknown; config?: unknown };
    try {
      stored = JSON.parse(await blob.text()) as typeof stored;
    } catch {
      // A record from a peer or an old version that does not read: nothing to compare with.
      return null;
    }
    const predictions = predictionsId ? await readArtifact(predictionsId) : undefined;
    return { source: stored.source, language: stored.language, config: stored.config, data: config.datasetHash, future: predictions?.datasetHash };
  }, [modelArtifactId, predictionsId]);
  let config: unknown;
  try {
    config = codeConfig(now.configText, { ...(now.label ? { label: now.label } : {}), ...(now.task ? { task: now.task } : {}) });
  } catch {
    config = now.configText;
  }
  const current = { source: now.source, language: now.language, config, data: now.dataHash, future: now.futureHash };
  const reason = used && !running ? settingsStaleness(used, current, WORDS) : null;
  useReportStale(cellId, reason);
}
