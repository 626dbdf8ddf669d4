'use client';
import { useEffect, useRef, useState } from 'react';
import { useProject } from '@/lib/react/project-context';
import { toShownError } from '@/lib/react/error-text';
import { PRESENCE_COLORS, useUserColor } from '@/lib/react/use-user-color';
import { useRelayState } from '@/lib/react/use-relay';
import { formatShareLink, readSecretOf } from '@/lib/sync/share-link';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { UserNameField } from '@/components/experiments/user-name-field';

/**
 * "Share": makes the project's links (edit and read-only) on the relay this page came from, shows
 * them with Copy buttons, and revokes them by making new ones. Also where a user says how others
 * see them (name and colour).
 */
export function ShareButton() {
  const relay = useRelayState();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  if (!relay) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {relay.share ? 'Sharing' : 'Share'}
      </button>
      {/* React passes the confirmation dialog's close event up to this one: only its own counts. */}
      <dialog ref={ref} aria-label="Share this project" className="share-dialog" onClose={(e) => e.target === e.currentTarget && setOpen(false)}>
        {open && <ShareDialogBody onClose={() => setOpen(false)} />}
      </dialog>
    </>
  );
}

function ShareDialogBody({ onClose }: { readonly onClose: () => void }) {
  const relay = useRelayState()!;
  const { projectId } = useProject();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string>();
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [links, setLinks] = useState<{ edit?: string; read: string }>();
  const share = relay.share;

  useEffect(() => {
    if (!share) return setLinks(undefined);
    let live = true;
    const origin = window.location.origin;
    const room = { roomId: share.roomId, editSecret: share.secret };
    if (share.access === 'read') setLinks({ read: formatShareLink(origin, projectId, share.roomId, share.secret, 'read') });
    else void readSecretOf(room).then((read) => live && setLinks({ edit: formatShareLink(origin, projectId, share.roomId, share.secret, 'edit'), read: formatShareLink(origin, projectId, share.roomId, read, 'read') }));
    return () => {
      live = false;
    };
  }, [share, projectId]);

  const act = async (what: () => Promise<void>) => {
    setWorking(true);
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="stack" style={{ gap: 12 }}>
      <h2 style={{ margin: 0 }}>Share this project</h2>
      {!share && (
        <>
          <p className="small" style={{ margin: 0 }}>
            Sharing keeps a copy of this notebook, its experiments and its model registry on the relay at{' '}
            <strong>{typeof window === 'undefined' ? '' : window.location.host}</strong>, so that whoever has the link can open it in their
            browser and edit with you, live. Datasets and models are sent only when someone opens them. The link holds the key: the relay
            never sees it.
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={working} aria-busy={working} onClick={() => void act(relay.startSharing)}>
              {working ? 'Creating links…' : 'Create share links'}
            </button>
          </div>
        </>
      )}
      {share && links && (
        <>
          {links.edit && <LinkField label="Edit link" hint="Whoever opens it can change the notebook." value={links.edit} />}
          <LinkField label="Read-only link" hint="Whoever opens it sees the notebook and follows changes, but cannot change it." value={links.read} />
          {share.access === 'read' && <p className="small muted" style={{ margin: 0 }}>You opened a read-only link: only holders of the edit link can change this project or its links.</p>}
          {share.access === 'edit' && (
            <div className="row">
              <button type="button" disabled={working} onClick={() => setConfirmRotate(true)}>
                Make new links
              </button>
              <span className="small muted">The links above stop working; everyone who used them is disconnected.</span>
            </div>
          )}
          <div className="row">
            <button type="button" disabled={working} onClick={() => void act(relay.stopSharing)}>
              Stop syncing here
            </button>
            <span className="small muted">This browser keeps its copy and stops exchanging changes; the others go on.</span>
          </div>
        </>
      )}
      {error && (
        <div className="message error" role="alert">
          {error}
        </div>
      )}
      <fieldset className="stack" style={{ border: 'none', padding: 0, margin: 0, gap: 6 }}>
        <legend className="small" style={{ fontWeight: 600, marginBottom: 4 }}>
          How others see you
        </legend>
        <UserNameField />
        <ColorChoice />
      </fieldset>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ConfirmDialog
        open={confirmRotate}
        title="Make new links?"
        confirmLabel="Make new links"
        danger
        onCancel={() => setConfirmRotate(false)}
        onConfirm={() => {
          setConfirmRotate(false);
          void act(relay.rotate);
        }}
      >
        <p style={{ margin: 0 }}>Both current links stop working at once, and everyone connected with them is disconnected. Send the new links to whoever should keep access.</p>
      </ConfirmDialog>
    </div>
  );
}

function LinkField({ label, hint, value }: { readonly label: string; readonly hint: string; readonly value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <label className="small" style={{ fontWeight: 600 }}>
        {label}
        <input type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} style={{ width: '100%', fontFamily: 'var(--mono)', fontSize: 12 }} />
      </label>
      <div className="row small">
        <button
          type="button"
          aria-label={`Copy the ${label.toLowerCase()}`}
          onClick={() =>
            void navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <span className="muted">{hint}</span>
      </div>
    </div>
  );
}

function ColorChoice() {
  const [color, setColor] = useUserColor();
  return (
    <div className="row small" role="radiogroup" aria-label="Your colour">
      Your colour
      {PRESENCE_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={c === color}
          aria-label={`Colour ${c}`}
          className="color-swatch"
          style={{ background: c, outline: c === color ? `2px solid ${c}` : 'none' }}
          onClick={() => setColor(c)}
        />
      ))}
    </div>
  );
}
