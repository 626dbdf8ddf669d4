'use client';
import { useState, type FormEvent } from 'react';
import { planCommand, type CommandContext } from '@/lib/pipeline/command';
import { useProject } from '@/lib/react/project-context';
import { SAMPLES } from '@/lib/samples';
import { readDataset } from '@/lib/store/datasets';
import { listExperiments } from '@/lib/store/experiments';
import { insertCells, type CellView } from '@/lib/sync/project-doc';

const PLACEHOLDER = 'train Species on penguins for 30 s, then predict new.csv';

/**
 * A typed request becomes the cells that do it (lib/pipeline/command), added at the end of the
 * notebook; when something is missing it asks instead, and adds nothing.
 */
export function CommandBar({ cells }: { readonly cells: readonly CellView[] }) {
  const { doc, projectId } = useProject();
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<{ kind: 'info' | 'question'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const dataCells = await Promise.all(
        cells
          .filter((c) => c.kind === 'data' && c.config.fileName)
          .map(async (c) => {
            const dataset = c.config.datasetHash ? await readDataset(c.config.datasetHash) : undefined;
            return { id: c.id, fileName: c.config.fileName!, ...(c.config.label ? { label: c.config.label } : {}), ...(dataset ? { columns: dataset.schema.map((s) => s.name) } : {}) };
          }),
      );
      const experiments = (await listExperiments(projectId)).map((e) => ({ id: e.id, name: e.name }));
      const context: CommandContext = { dataCells, samples: SAMPLES.map((s) => ({ id: s.id, fileName: s.fileName, url: s.url })), experiments };
      const plan = planCommand(text, context);
      if (!plan.ok) {
        setAnswer({ kind: 'question', text: plan.question });
        return;
      }
      insertCells(doc, plan.cells.map((c) => ({ ...c, source: '' })));
      setAnswer({ kind: 'info', text: plan.summary });
      setText('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="command-bar stack" onSubmit={(e) => void submit(e)} aria-label="Command">
      <div className="row">
        <input type="text" aria-label="Tell the notebook what to do" placeholder={PLACEHOLDER} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy || text.trim() === ''}>
          Add cells
        </button>
      </div>
      {answer && (
        <p role="status" className={`message ${answer.kind === 'question' ? 'warn' : 'info'}`} style={{ margin: 0 }}>
          {answer.text}
        </p>
      )}
    </form>
  );
}
