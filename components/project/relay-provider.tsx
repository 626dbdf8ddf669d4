'use client';
import { useEffect, type ReactNode } from 'react';
import { useProject } from '@/lib/react/project-context';
import { RelayContext, useRelay } from '@/lib/react/use-relay';

/**
 * Connects the open project to its room while it is shown (when it is shared), and tells the
 * others which cell this user is in: the cell that holds the keyboard focus.
 */
export function RelayProvider({ children }: { readonly children: ReactNode }) {
  const { projectId, doc } = useProject();
  const relay = useRelay(projectId, doc);
  const { setCell } = relay;
  useEffect(() => {
    const onFocus = (event: FocusEvent) => {
      const cell = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-cell-id]') : null;
      setCell(cell?.dataset.cellId);
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [setCell]);
  return <RelayContext.Provider value={relay}>{children}</RelayContext.Provider>;
}
