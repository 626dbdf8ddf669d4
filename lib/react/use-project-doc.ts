'use client';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ProjectId } from '../ids';
import { readProject, touchProject, type Project } from '../store/projects';
import { mirrorProjectName } from '../store/project-name';
import { mirrorRecords } from '../store/records-mirror';
import { openProjectDoc } from '../sync/local-persistence';
import { toShownError, type ShownError } from './error-text';

export type ProjectDocState =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'failed'; readonly error: ShownError }
  | { readonly status: 'ready'; readonly project: Project; readonly doc: Y.Doc };

/** Debounce for marking the project changed in the home list: once per burst of typing. */
const TOUCH_DEBOUNCE_MS = 1000;

/**
 * Opens a project's notebook (its Yjs document, persisted with y-indexeddb) for as long as the
 * component is mounted; keeps the home list's "last change" and name in step with it.
 */
export function useProjectDoc(rawId: string | null): ProjectDocState {
  const [state, setState] = useState<ProjectDocState>({ status: 'loading' });

  useEffect(() => {
    if (rawId === null) return undefined;
    if (!ProjectId.is(rawId)) {
      setState({ status: 'missing' });
      return undefined;
    }
    const id = rawId;
    let live = true;
    const cleanups: (() => void)[] = [];
    let dispose: (() => Promise<void>) | undefined;
    (async () => {
      const project = await readProject(id);
      if (!live) return;
      if (!project) {
        setState({ status: 'missing' });
        return;
      }
      const handle = await openProjectDoc(id);
      dispose = handle.dispose;
      if (!live) {
        void handle.dispose();
        return;
      }
      cleanups.push(mirrorProjectName(id, handle.doc));
      // Experiments, runs and artifacts a collaborator (or an older visit) put in the document.
      cleanups.push(mirrorRecords(id, handle.doc));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onUpdate = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void touchProject(id).catch(() => {}), TOUCH_DEBOUNCE_MS);
      };
      handle.doc.on('update', onUpdate);
      cleanups.push(() => {
        handle.doc.off('update', onUpdate);
        clearTimeout(timer);
      });
      setState({ status: 'ready', project, doc: handle.doc });
    })().catch((e: unknown) => live && setState({ status: 'failed', error: toShownError(e) }));
    return () => {
      live = false;
      cleanups.forEach((c) => c());
      void dispose?.();
    };
  }, [rawId]);

  return state;
}
