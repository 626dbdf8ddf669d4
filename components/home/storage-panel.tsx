'use client';
import { useState } from 'react';
import { toShownError } from '@/lib/react/error-text';
import { useStorageActions, useStorageReport } from '@/lib/react/use-storage';
import { formatBytes } from '@/lib/units';
import { ProgressBar } from '@/components/ui/progress-bar';
import { BackupControls } from './backup-controls';

/**
 * What Loopbook keeps in this browser: usage against what the browser allows, each project's
 * datasets, models and files and what deleting it would free, files nothing uses any more (with a
 * button to free them), and a request to keep the data when the disk runs low.
 */
export function StoragePanel() {
  const report = useStorageReport();
  const { persist, collect } = useStorageActions();
  const [message, setMessage] = useState<string>();
  if (!report) return null;
  const { usage, quota, persisted, unreferenced } = report;
  const act = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(toShownError(error).message);
    }
  };
  return (
    <section aria-labelledby="storage" className="stack">
      <h2 id="storage">Storage</h2>
      {usage !== undefined && quota !== undefined && quota > 0 && (
        <div className="stack" style={{ gap: 4, maxWidth: 520 }}>
          <span className="small">
            Using {formatBytes(usage)} of the {formatBytes(quota)} this browser allows this site
            {report.appCache ? `, of which ${formatBytes(report.appCache)} is the app itself, kept to work offline` : ''}.
          </span>
          <ProgressBar value={usage / quota} label="Storage used" />
        </div>
      )}
      <div className="row small">
        {persisted ? (
          <span>This browser keeps Loopbook’s data even when the disk runs low.</span>
        ) : (
          <>
            <button type="button" onClick={() => void act(async () => ((await persist()) ? 'This browser will keep Loopbook’s data when space runs low.' : 'This browser did not agree to keep the data (some ask only once the site is installed or bookmarked). Export your projects to keep a copy.'))}>
              Keep my data when space runs low
            </button>
            <span className="muted">Browsers may delete a site’s data when the disk fills up, unless the site asks to keep it.</span>
          </>
        )}
      </div>
      <BackupControls />
      {report.projects.length > 0 && (
        // Folded: the projects list above is where a project's row is looked for.
        <details>
          <summary className="small">Space by project</summary>
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            <table className="grid card" aria-label="Storage by project" style={{ padding: 0 }}>
              <thead>
                <tr>
                  <th>Project</th>
                  <th className="num">Datasets</th>
                  <th className="num">Models</th>
                  <th className="num">Predictions and files</th>
                  <th className="num">Freed by deleting it</th>
                </tr>
              </thead>
              <tbody>
                {report.projects.map((p) => (
                  <tr key={p.projectId}>
                    <td>{p.name}</td>
                    <td className="num">{formatBytes(p.datasets)}</td>
                    <td className="num">{formatBytes(p.models)}</td>
                    <td className="num">{formatBytes(p.files)}</td>
                    <td className="num">{formatBytes(p.freeable)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {unreferenced.count > 0 && (
        <div className="row small">
          <span>
            {unreferenced.count} stored file{unreferenced.count === 1 ? '' : 's'} ({formatBytes(unreferenced.bytes)}) belong to nothing any more.
          </span>
          <button type="button" onClick={() => void act(async () => `Freed ${formatBytes(await collect())}.`)}>
            Free {formatBytes(unreferenced.bytes)}
          </button>
        </div>
      )}
      {message && (
        <p className="small" role="status" style={{ margin: 0 }}>
          {message}
        </p>
      )}
    </section>
  );
}
