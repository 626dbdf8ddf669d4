'use client';
import { useEffect, type ReactNode } from 'react';
import { useProject } from '@/lib/react/project-context';
import { RelayContext, useRelay, useRelayState } from '@/lib/react/use-relay';

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

/**
 * A project opened with a read-only link: its notebook shows and follows changes, but every
 * control that would change or run it is disabled (a disabled fieldset disables them all), since
 * the relay would not take the changes anyway.
 */
export function ReadOnlyWhenLinkIs({ children }: { readonly children: ReactNode }) {
  const readOnly = useRelayState()?.share?.access === 'read';
  if (!readOnly) return <>{children}</>;
  return (
    <>
      <div className="message" role="note">
        <strong>Read-only link.</strong> You see this project as its collaborators change it; to change it yourself, ask them for the edit link.
      </div>
      <fieldset disabled className="read-only-notebook" aria-label="Notebook (read-only)">
        {children}
      </fieldset>
    </>
  );
}
