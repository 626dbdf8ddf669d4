'use client';
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { CellId } from '@/lib/ids';
import { cellInputs } from '@/lib/pipeline/bindings';
import { buildGraph, topologicalOrder } from '@/lib/pipeline/graph';
import { exportPipeline, importPipeline, PipelineImportError } from '@/lib/pipeline/pipeline-json';
import { useProject } from '@/lib/react/project-context';
import { insertCells, readProjectMeta, type CellView } from '@/lib/sync/project-doc';
import { saveFile } from '@/components/ui/save-file';

const NODE_W = 150;
const NODE_H = 30;
const GAP_X = 48;
const GAP_Y = 12;
/** How far below the nodes an arrow that skips columns bends. */
const ARC = 26;

interface PipelinePanelProps {
  readonly cells: readonly CellView[];
  readonly nameOf: (id: CellId) => string;
}

/**
 * The notebook as a pipeline: a small drawing of its DAG (columns are the levels a run goes
 * through; an arrow runs from a cell to each cell that reads it) and the pipeline file out and in.
 */
export function PipelinePanel({ cells, nameOf }: PipelinePanelProps) {
  const { doc, projectId } = useProject();
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string; notices?: readonly string[] } | null>(null);
  const drawing = useMemo(() => layout(cells), [cells]);
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportFile() {
    const file = exportPipeline({ id: projectId, name: readProjectMeta(doc).name ?? 'Notebook' }, cells);
    const name = `${(file.name || 'notebook').replace(/[^\w.-]+/g, '-')}.pipeline.json`;
    const outcome = await saveFile(name, new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }), 'Loopbook pipeline');
    if (outcome !== 'canceled') setMessage({ kind: 'info', text: `Saved the pipeline as ${name}.` });
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const picked = input.files?.[0];
    input.value = '';
    if (!picked) return;
    let value: unknown;
    try {
      value = JSON.parse(await picked.text());
    } catch {
      setMessage({ kind: 'error', text: `${picked.name} is not JSON. Choose a pipeline file exported from Loopbook or written in its shape.` });
      return;
    }
    try {
      const imported = importPipeline(value);
      insertCells(doc, imported.cells);
      setMessage({ kind: 'info', text: `Added ${imported.cells.length} ${imported.cells.length === 1 ? 'cell' : 'cells'} from the pipeline “${imported.name}” at the end of the notebook.`, notices: imported.notices });
    } catch (error) {
      if (!(error instanceof PipelineImportError)) throw error;
      setMessage({ kind: 'error', text: `${picked.name} was not imported: ${error.message} Nothing was added.` });
    }
  }

  return (
    <details className="card pipeline-panel">
      <summary>
        Pipeline: {drawing.nodes.length} {drawing.nodes.length === 1 ? 'cell' : 'cells'}, {drawing.edges.length} {drawing.edges.length === 1 ? 'link' : 'links'}
      </summary>
      <div className="stack">
        {drawing.nodes.length === 0 ? (
          <p className="muted">No cells to draw yet: add a data cell and a train cell.</p>
        ) : (
          <figure style={{ margin: 0, overflowX: 'auto' }}>
            <svg role="img" aria-label="Pipeline graph" width={drawing.width} height={drawing.height} viewBox={`0 0 ${drawing.width} ${drawing.height}`}>
              <defs>
                <marker id="pipeline-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill="#8792a2" />
                </marker>
              </defs>
              {drawing.edges.map(({ from, to }) => {
                const a = drawing.at.get(from)!;
                const b = drawing.at.get(to)!;
                // Next column: side to side. Further: under the columns between, bottom to bottom.
                const skips = b.x - a.x > NODE_W + GAP_X;
                const [x1, y1] = skips ? [a.x + NODE_W / 2, a.y + NODE_H] : [a.x + NODE_W, a.y + NODE_H / 2];
                const [x2, y2] = skips ? [b.x + NODE_W / 2, b.y + NODE_H + 2] : [b.x - 2, b.y + NODE_H / 2];
                const d = skips ? `M ${x1} ${y1} C ${x1} ${y1 + ARC}, ${x2} ${y2 + ARC}, ${x2} ${y2}` : `M ${x1} ${y1} C ${x1 + GAP_X / 2} ${y1}, ${x2 - GAP_X / 2} ${y2}, ${x2} ${y2}`;
                return <path key={`${from}-${to}`} d={d} fill="none" stroke="#8792a2" markerEnd="url(#pipeline-arrow)" />;
              })}
              {drawing.nodes.map((cell) => {
                const { x, y } = drawing.at.get(cell.id)!;
                return (
                  <g key={cell.id}>
                    <title>{nameOf(cell.id)}</title>
                    <rect x={x} y={y} width={NODE_W} height={NODE_H} rx={6} fill="#fff" stroke="#b8bfc9" />
                    <text x={x + 10} y={y + NODE_H / 2 + 4} fontSize={12} fill="#1d2430">
                      {nameOf(cell.id)}
                    </text>
                  </g>
                );
              })}
            </svg>
            <figcaption className="muted small">Each arrow runs from a cell to a cell that reads its output; columns run left to right.</figcaption>
          </figure>
        )}
        <div className="row">
          <button type="button" onClick={() => void exportFile()} disabled={cells.length === 0}>
            Export pipeline JSON
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import pipeline JSON…
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Import pipeline JSON" onChange={(e) => void importFile(e)} />
        </div>
        {message && (
          <div role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
            {message.text}
            {message.notices && message.notices.length > 0 && (
              <ul>
                {message.notices.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </details>
  );
}

/** Node positions by level (topological order), and the edges between drawn cells. */
function layout(cells: readonly CellView[]) {
  const shown = cells.filter((c) => c.kind !== 'markdown');
  const graph = buildGraph(cellInputs(cells));
  const order = topologicalOrder(graph);
  const levels = order.ok ? order.levels.map((level) => level.filter((id) => graph.kinds.get(id) !== 'markdown')).filter((l) => l.length > 0) : [shown.map((c) => c.id)];
  const at = new Map<CellId, { x: number; y: number }>();
  levels.forEach((level, k) => level.forEach((id, i) => at.set(id, { x: 4 + k * (NODE_W + GAP_X), y: 4 + i * (NODE_H + GAP_Y) })));
  const edges = shown.flatMap((c) => (graph.parents.get(c.id) ?? []).filter((p) => at.has(p)).map((p) => ({ from: p, to: c.id })));
  const rows = Math.max(0, ...levels.map((l) => l.length));
  return { nodes: shown, at, edges, width: 8 + levels.length * (NODE_W + GAP_X) - GAP_X, height: 8 + rows * (NODE_H + GAP_Y) - GAP_Y + ARC };
}
