'use client';

/** Where a save-to-disk action stands: what its status line shows. */
export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'done'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

/** The status line of a save action: `working` while it runs (if given), then what happened. */
export function SaveStatus({ state, working }: { readonly state: SaveState; readonly working?: string }) {
  if (state.kind === 'working') {
    return working ? (
      <span role="status" className="muted small">
        {working}
      </span>
    ) : null;
  }
  if (state.kind === 'done') {
    return (
      <span role="status" className="muted small">
        {state.text}
      </span>
    );
  }
  if (state.kind === 'error') {
    return (
      <span role="alert" className="message error small">
        {state.text}
      </span>
    );
  }
  return null;
}
