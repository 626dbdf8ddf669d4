'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { ProjectId } from '@/lib/ids';
import { toShownError } from '@/lib/react/error-text';
import { buildProjectZip } from '@/lib/react/use-project-transfer';
import { useProjectSummary } from '@/lib/react/use-projects';
import { formatBytes } from '@/lib/units';
import { saveFile } from '@/components/ui/save-file';
import { SaveStatus, type SaveState } from '@/components/ui/save-status';

export function TopBar({ children }: { readonly children?: ReactNode }) {
  const projectId = useProjectIdOfPage();
  return (
    <header className="topbar">
      <Link href="/" className="brand" prefetch={false}>
        Loopbook
      </Link>
      {children}
      <span className="spacer" />
      {projectId && <ExportProjectButton projectId={projectId} />}
      <span className="muted small">Local-first: your data stays in this browser unless you share a project.</span>
    </header>
  );
}

/** On a project's pages (`/project?id=…`, `/project/experiments?id=…`), that project; read after mounting (static pages). */
function useProjectIdOfPage(): ProjectId | undefined {
  const pathname = usePathname();
  const [id, setId] = useState<ProjectId>();
  useEffect(() => {
    const value = new URLSearchParams(window.location.search).get('id');
    setId(/^\/project(\/|$)/.test(pathname) && ProjectId.is(value) ? value : undefined);
  }, [pathname]);
  return id;
}

/** Characters file systems refuse in a name (Windows is the strictest), and control characters. */
const UNSAFE_FILE_CHARS = /[/\\:*?"<>|\u0000-\u001f]+/g;
/** Longest name part: names stay readable in a file dialog. */
const MAX_NAME_PART = 100;

/** "Palmer penguins" → "Palmer penguins.project.zip". */
export function projectFileName(projectName: string): string {
  const safe = projectName.replace(UNSAFE_FILE_CHARS, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, MAX_NAME_PART).trim();
  return `${safe || 'project'}.project.zip`;
}

/**
 * "Export project": the whole project (notebook, data, experiments, models, registry) as
 * `<name>.project.zip`, to the browser's save dialog where it has one, a download otherwise.
 */
function ExportProjectButton({ projectId }: { readonly projectId: ProjectId }) {
  const project = useProjectSummary(projectId);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  if (!project) return null;
  const exportProject = async () => {
    setState({ kind: 'working' });
    try {
      const zip = await buildProjectZip(projectId);
      const name = projectFileName(project.name);
      const outcome = await saveFile(name, zip, 'Loopbook project');
      setState(outcome === 'canceled' ? { kind: 'idle' } : { kind: 'done', text: `${outcome === 'saved' ? 'Saved' : 'Downloaded'} ${name} (${formatBytes(zip.size)}).` });
    } catch (error) {
      setState({ kind: 'error', text: `The project could not be exported: ${toShownError(error).message}` });
    }
  };
  return (
    <div className="row topbar-export">
      <SaveStatus state={state} working="Packing the project…" />
      <button type="button" disabled={state.kind === 'working'} aria-busy={state.kind === 'working'} onClick={() => void exportProject()} title="Save the whole project — notebook, data, experiments, models and registry — as one zip">
        {state.kind === 'working' ? 'Exporting…' : 'Export project'}
      </button>
    </div>
  );
}
