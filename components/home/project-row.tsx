'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ProjectSummary } from '@/lib/react/use-projects';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { RelativeTime } from '@/components/ui/relative-time';

interface ProjectRowProps {
  readonly project: ProjectSummary;
  /** Shared through the relay: with an edit or a read-only link. */
  readonly shared?: 'edit' | 'read';
  readonly onRename: (name: string) => void;
  readonly onDuplicate: () => void;
  readonly onDelete: () => void;
}

export function ProjectRow({ project, shared, onRename, onDuplicate, onDelete }: ProjectRowProps) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(project.name);
  const [confirming, setConfirming] = useState(false);
  const href = `/project?id=${project.id}`;

  function finishRename(save: boolean) {
    if (save && draft.trim() && draft.trim() !== project.name) onRename(draft.trim());
    setRenaming(false);
  }

  return (
    <tr>
      <td>
        {renaming ? (
          <input
            aria-label={`New name for ${project.name}`}
            value={draft}
            autoFocus
            maxLength={120}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => finishRename(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') finishRename(true);
              if (e.key === 'Escape') finishRename(false);
            }}
          />
        ) : (
          <a
            href={href}
            onClick={(e) => {
              e.preventDefault();
              router.push(href);
            }}
          >
            {project.name}
          </a>
        )}
        {shared && (
          <span className="import-badge" title="Synced with collaborators through the relay">
            {shared === 'read' ? 'shared · read-only' : 'shared'}
          </span>
        )}
      </td>
      <td className="muted">
        <RelativeTime at={project.updatedAt} />
      </td>
      <td className="num">{project.datasetCount}</td>
      <td className="num">{project.experimentCount}</td>
      <td>
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" onClick={() => router.push(href)} aria-label={`Open ${project.name}`}>
            Open
          </button>
          <button
            type="button"
            aria-label={`Rename ${project.name}`}
            onClick={() => {
              setDraft(project.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button type="button" onClick={onDuplicate} aria-label={`Duplicate ${project.name}`}>
            Duplicate
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${project.name}`}>
            Delete
          </button>
        </div>
        <ConfirmDialog
          open={confirming}
          title={`Delete “${project.name}”?`}
          confirmLabel="Delete project"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onDelete();
          }}
        >
          <p style={{ margin: 0 }}>
            Its notebook and the datasets no other project uses are removed from this browser. This cannot be undone.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
