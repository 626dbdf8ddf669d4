'use client';
import { useCallback, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useProject } from '@/lib/react/project-context';
import { toShownError } from '@/lib/react/error-text';
import { importModelFile } from '@/lib/react/use-experiments';
import { readUserName } from '@/lib/react/use-user-name';
import { HiddenFileInput } from '@/components/ui/hidden-file-input';

type Outcome = { readonly kind: 'imported'; readonly fileName: string; readonly name: string } | { readonly kind: 'refused'; readonly fileName: string; readonly message: string };

export interface ModelImporter {
  readonly busy: boolean;
  /** The last batch's outcomes, one per file. */
  readonly outcomes: readonly Outcome[];
  importFiles(files: readonly File[]): void;
}

/**
 * Imports model.zip files one after another into the open project; `onImported` gets the last
 * one imported (the view opens it). A refused file names what was wrong and changes nothing.
 */
export function useModelImport(onImported: (experimentId: string) => void): ModelImporter {
  const { projectId, doc } = useProject();
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly Outcome[]>([]);
  const importFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      setBusy(true);
      setOutcomes([]);
      void (async () => {
        const done: Outcome[] = [];
        let last: string | undefined;
        for (const file of files) {
          try {
            const imported = await importModelFile(doc, projectId, file, file.name, readUserName());
            done.push({ kind: 'imported', fileName: file.name, name: imported.name });
            last = imported.id;
          } catch (error) {
            done.push({ kind: 'refused', fileName: file.name, message: toShownError(error).message });
          }
          setOutcomes([...done]);
        }
        setBusy(false);
        if (last) onImported(last);
      })();
    },
    [doc, projectId, onImported],
  );
  return { busy, outcomes, importFiles };
}

/** The "Import model.zip" button (a file picker, for keyboard users and those who do not drag). */
export function ModelImportButton({ importer }: { readonly importer: ModelImporter }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" disabled={importer.busy} onClick={() => input.current?.click()}>
        {importer.busy ? 'Importing…' : 'Import model.zip'}
      </button>
      <HiddenFileInput inputRef={input} label="Import a model.zip" accept=".zip,application/zip" multiple onFiles={importer.importFiles} />
    </>
  );
}

/** What the last import did: each refusal as an alert naming the file and the reason. */
export function ModelImportMessages({ importer }: { readonly importer: ModelImporter }) {
  if (importer.outcomes.length === 0) return null;
  return (
    <div className="stack import-outcomes">
      {importer.outcomes.map((o, i) =>
        o.kind === 'imported' ? (
          <p key={i} role="status" className="message info">
            Imported {o.fileName} as {o.name}.
          </p>
        ) : (
          <p key={i} role="alert" className="message error">
            <strong>{o.fileName} was not imported.</strong>
            {o.message} Nothing in the project was changed.
          </p>
        ),
      )}
    </div>
  );
}

function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer.types.includes('Files');
}

/** The experiments view as a drop target: a model.zip dropped anywhere on it is imported. */
export function ModelDropTarget({ importer, children }: { readonly importer: ModelImporter; readonly children: ReactNode }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`model-drop stack${over ? ' over' : ''}`}
      data-testid="model-dropzone"
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        // Moving over a child fires dragleave on the parent: only leaving the whole area counts.
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        if (!importer.busy) importer.importFiles([...e.dataTransfer.files]);
      }}
    >
      {over && (
        <div className="model-drop-hint" aria-hidden="true">
          <span>Drop a model.zip to import it into this project</span>
        </div>
      )}
      {children}
    </div>
  );
}
