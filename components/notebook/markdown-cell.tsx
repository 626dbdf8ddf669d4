'use client';
import { useEffect, useMemo, useRef } from 'react';
import Markdown from 'react-markdown';
import type { CellId } from '@/lib/ids';
import { useProject } from '@/lib/react/project-context';
import { useYText } from '@/lib/react/use-y-text';
import { cellText } from '@/lib/sync/project-doc';

interface MarkdownCellProps {
  readonly cellId: CellId;
  readonly editing: boolean;
  readonly onEdit: () => void;
  /** Leave the editor; `run` says whether it was Shift+Enter (go on) or Escape (stay). */
  readonly onDone: () => void;
}

/**
 * Markdown source is a Y.Text, so collaborators edit it together. The preview renders with
 * react-markdown, which never renders raw HTML: a peer's markdown cannot inject script.
 */
export function MarkdownCell({ cellId, editing, onEdit, onDone }: MarkdownCellProps) {
  const { doc } = useProject();
  // Taken again when the cell array changes: a move replaces the cell's Y.Map.
  const text = useMemo(() => cellText(doc, cellId), [doc, cellId]);
  const editor = useRef<HTMLTextAreaElement>(null);
  const [source, setSource] = useYText(text, editor);

  useEffect(() => {
    if (editing) editor.current?.focus();
  }, [editing]);

  if (editing) {
    return (
      <div className="stack">
        <textarea
          ref={editor}
          aria-label="Markdown source"
          value={source}
          rows={Math.max(4, source.split('\n').length + 1)}
          onChange={(e) => setSource(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onDone();
            }
          }}
        />
        <div className="row shortcuts">
          <span>
            <kbd>Shift</kbd>+<kbd>Enter</kbd> preview
          </span>
          <span>
            <kbd>Esc</kbd> stop editing
          </span>
          <span className="spacer" />
          <button type="button" onClick={onDone}>
            Preview
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="row" style={{ alignItems: 'flex-start' }}>
      <div className="preview" style={{ flex: 1 }} onDoubleClick={onEdit}>
        {source.trim() ? <Markdown>{source}</Markdown> : <p className="muted">Empty markdown cell. Press Enter or Edit to write.</p>}
      </div>
      <button type="button" onClick={onEdit} aria-label="Edit markdown">
        Edit
      </button>
    </div>
  );
}
