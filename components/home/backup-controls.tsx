'use client';
import { useRef, useState } from 'react';
import { toShownError } from '@/lib/react/error-text';
import { useBackup } from '@/lib/react/use-storage';
import { formatBytes } from '@/lib/units';
import { saveFile } from '@/components/ui/save-file';
import { ProgressBar } from '@/components/ui/progress-bar';
import { HiddenFileInput } from '@/components/ui/hidden-file-input';

type Phase = { kind: 'idle' } | { kind: 'working'; what: string; done: number; total: number } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** "Back up every project" into one zip, and "Restore a backup…" into this browser (as new projects). */
export function BackupControls() {
  const { backup, restore } = useBackup();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const working = phase.kind === 'working';

  const backUp = async () => {
    setPhase({ kind: 'working', what: 'Packing every project', done: 0, total: 0 });
    try {
      const { blob, projects } = await backup((done, total) => setPhase({ kind: 'working', what: 'Packing every project', done, total }));
      const name = `loopbook-backup-${new Date().toISOString().slice(0, 10)}.zip`;
      const outcome = await saveFile(name, blob, 'Loopbook backup');
      setPhase(outcome === 'canceled' ? { kind: 'idle' } : { kind: 'done', text: `${outcome === 'saved' ? 'Saved' : 'Downloaded'} ${name}: ${projects} project${projects === 1 ? '' : 's'}, ${formatBytes(blob.size)}.` });
    } catch (error) {
      setPhase({ kind: 'error', text: `The backup could not be made: ${toShownError(error).message}` });
    }
  };

  const restoreFile = async (file: File) => {
    setPhase({ kind: 'working', what: `Restoring ${file.name}`, done: 0, total: 0 });
    try {
      const outcome = await restore(file, (done, total) => setPhase({ kind: 'working', what: `Restoring ${file.name}`, done, total }));
      const restored = `Restored ${outcome.restored.length} project${outcome.restored.length === 1 ? '' : 's'}${outcome.restored.length > 0 ? `: ${outcome.restored.join(', ')}` : ''}.`;
      const failed = outcome.failed.map((f) => ` ${f.name} could not be restored: ${f.message}`).join('');
      setPhase(outcome.failed.length > 0 ? { kind: 'error', text: restored + failed } : { kind: 'done', text: restored });
    } catch (error) {
      setPhase({ kind: 'error', text: `Nothing was restored: ${toShownError(error).message}` });
    }
  };

  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="row small">
        <button type="button" disabled={working} onClick={() => void backUp()}>
          Back up every project
        </button>
        <button type="button" disabled={working} onClick={() => input.current?.click()}>
          Restore a backup…
        </button>
        <span className="muted">One zip of all your projects (notebooks, data, experiments, models); restoring adds them to this browser.</span>
        <HiddenFileInput inputRef={input} label="Restore a backup" accept=".zip,application/zip" onFiles={([file]) => { if (file) void restoreFile(file); }} />
      </div>
      {phase.kind === 'working' && (
        <div className="stack" role="status" style={{ gap: 4, maxWidth: 520 }}>
          <span className="small">
            {phase.what}
            {phase.total > 0 ? ` (${phase.done} of ${phase.total})` : '…'}
          </span>
          <ProgressBar value={phase.total > 0 ? phase.done / phase.total : undefined} label={phase.what} />
        </div>
      )}
      {phase.kind === 'done' && (
        <p className="small" role="status" style={{ margin: 0 }}>
          {phase.text}
        </p>
      )}
      {phase.kind === 'error' && (
        <p className="message error small" role="alert" style={{ margin: 0 }}>
          {phase.text}
        </p>
      )}
    </div>
  );
}
