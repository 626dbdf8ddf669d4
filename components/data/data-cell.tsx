'use client';
import { useEffect, useRef, useState } from 'react';
import { useDataImport } from '@/lib/react/use-data-import';
import { CellNotReadyError, useCellRunner } from '@/components/notebook/cell-runners';
import type { CellView } from '@/lib/sync/project-doc';
import { DatasetView } from './dataset-view';
import { ImportPanel } from './import-panel';
import { ImportStatus } from './import-status';
import { SharedBlobStatus } from '@/components/project/shared-blob-status';
import { useRelayState } from '@/lib/react/use-relay';
import { useSharedBlob } from '@/lib/react/use-shared-blob';
import { useStoredDataset } from '@/lib/react/use-stored-dataset';

interface DataCellProps {
  readonly cell: CellView;
  /** Increments on Shift+Enter. */
  readonly runSignal: number;
}

/** A data cell: import a table, then see its profile, pick the label and browse the rows. */
export function DataCell({ cell, runSignal }: DataCellProps) {
  const importer = useDataImport(cell.id);
  const { state } = importer;
  const hash = cell.config.datasetHash;
  const [replacing, setReplacing] = useState(false);
  const busy = state.phase === 'running' || state.phase === 'saving' || state.phase === 'confirm-ragged';
  const sampleStarted = useRef(false);

  // A sample project's data cell names its file by URL; it is fetched from the app's own origin once.
  const sourceUrl = cell.config.sourceUrl;
  useEffect(() => {
    if (!sourceUrl || hash || sampleStarted.current) return;
    sampleStarted.current = true;
    const fileName = cell.config.fileName ?? sourceUrl.split('/').pop() ?? 'data.csv';
    void fetch(sourceUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`The sample ${fileName} could not be loaded (HTTP ${response.status}).`);
        return response.blob();
      })
      .then((blob) => importer.start(blob, fileName))
      .catch((e: unknown) => importer.fail(fileName, e));
  }, [sourceUrl, hash, cell.config.fileName, importer]);

  useEffect(() => {
    if (state.phase === 'idle') setReplacing(false);
  }, [state.phase, hash]);

  useCellRunner(cell.id, async () => {
    if (busy) throw new CellNotReadyError('This data cell is still importing: run again once it has finished.');
    if (!hash) throw new CellNotReadyError('This data cell has no dataset yet: import a file into it.');
  });

  // A dataset a collaborator imported: fetched from the room, then analysed here like an import.
  const stored = useStoredDataset(hash);
  const shared = useRelayState()?.share;
  const fileName = cell.config.fileName ?? 'the dataset';
  const download = useSharedBlob(hash && stored === null && shared && !busy ? hash : undefined);
  const restored = useRef<string | undefined>(undefined);
  const startImport = importer.start;
  useEffect(() => {
    if (download.phase !== 'done' || !hash || restored.current === hash) return;
    restored.current = hash; // once per dataset: a failure shows in the import status, not in a loop
    void startImport(download.blob, fileName, {}, hash);
  }, [download, hash, fileName, startImport]);

  const showImporter = (!hash || replacing) && !busy;
  return (
    <div className="stack" style={{ gap: 12 }}>
      <ImportStatus state={state} onCancel={importer.cancel} onConfirmSkip={importer.confirmSkip} onDismiss={importer.dismiss} />
      {showImporter && (
        <ImportPanel
          onImport={(source, name, options) => void importer.start(source, name, options)}
          runSignal={runSignal}
          disabled={busy}
        />
      )}
      {hash && (
        <>
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            {!replacing && !busy && (
              <button type="button" onClick={() => setReplacing(true)}>
                Replace data…
              </button>
            )}
            {replacing && !busy && (
              <button type="button" onClick={() => setReplacing(false)}>
                Keep current data
              </button>
            )}
          </div>
          {stored === null && shared && !busy ? <SharedBlobStatus state={download} what={fileName} /> : <DatasetView cellId={cell.id} hash={hash} config={cell.config} />}
        </>
      )}
    </div>
  );
}
