'use client';
import { useRelayState, type Peer } from '@/lib/react/use-relay';
import type { RelayStatus } from '@/lib/sync/relay-connection';

/** A shared project's connection and who else is in it; nothing for a project that is not shared. */
export function PresenceBar() {
  const relay = useRelayState();
  if (!relay?.share || !relay.status) return null;
  return (
    <div className="row presence-bar" aria-label="Collaboration">
      <span className={`sync-status sync-${relay.status.state}`} role="status">
        {statusText(relay.status, relay.peers.length)}
      </span>
      <ul className="peers" aria-label="In this project now">
        {relay.peers.map((p) => (
          <li key={p.clientId} className="peer" style={{ background: p.color }} title={peerTitle(p)}>
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function statusText(status: RelayStatus, others: number): string {
  switch (status.state) {
    case 'connecting':
      return 'Connecting to the relay…';
    case 'live':
      return `${status.readOnly ? 'Read-only · ' : ''}Live${others > 0 ? ` · ${others} other${others === 1 ? '' : 's'} here` : ''}`;
    case 'offline':
      return 'Offline: your changes are kept here and sent when the relay is back (retrying)';
    case 'refused':
      return 'The relay refused this link: new links were made, or it is damaged. Ask for a new link; your copy here stays.';
  }
}

function peerTitle(p: Peer): string {
  return p.cellId ? `${p.name} is in a cell of this notebook` : p.name;
}

/** The coloured names of the peers in one cell, for its toolbar. */
export function PeersInCell({ cellId }: { readonly cellId: string }) {
  const relay = useRelayState();
  const here = relay?.peers.filter((p) => p.cellId === cellId) ?? [];
  if (here.length === 0) return null;
  return (
    <span className="peers" aria-label={`Here: ${here.map((p) => p.name).join(', ')}`}>
      {here.map((p) => (
        <span key={p.clientId} className="peer" style={{ background: p.color }}>
          {p.name}
        </span>
      ))}
    </span>
  );
}
