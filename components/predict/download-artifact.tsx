'use client';
import { useState } from 'react';
import { readArtifactBlob } from '@/lib/store/predictions';
import { saveFile } from '@/components/ui/save-file';

interface DownloadArtifactProps {
  readonly artifactId: string;
  readonly fileName: string;
  readonly label: string;
}

/** Saves a stored CSV artifact (predictions) to disk; says so when its bytes are gone. */
export function DownloadArtifact({ artifactId, fileName, label }: DownloadArtifactProps) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    const blob = await readArtifactBlob(artifactId);
    if (!blob) return setError('These predictions are not stored in this browser any more. Run the cell again.');
    await saveFile(fileName, new Blob([blob], { type: 'text/csv' }), 'CSV file').catch((e: unknown) => setError(`The file could not be saved: ${e instanceof Error ? e.message : String(e)}`));
  }
  return (
    <>
      <button type="button" onClick={() => void download()}>
        {label}
      </button>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
    </>
  );
}
