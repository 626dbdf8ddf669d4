'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ProjectId } from '@/lib/ids';
import { toShownError } from '@/lib/react/error-text';
import { ensureJoinedProject } from '@/lib/store/projects';
import { readShare, saveShare } from '@/lib/store/shares';
import { parseShareFragment } from '@/lib/sync/share-link';
import { TopBar } from './top-bar';

/**
 * Opens a share link: records the project (when this browser does not have it) and how to reach
 * its room, then goes to the notebook, which syncs from the relay. The link's secret leaves the
 * address bar on the way (it is kept in this browser's database).
 */
export function JoinScreen() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const id = decodeURIComponent(window.location.pathname.split('/').filter(Boolean)[1] ?? '');
    const fragment = parseShareFragment(window.location.hash);
    if (!ProjectId.is(id)) return setError('This share link is damaged: the project part of it is not a project id. Ask for the link again and copy all of it.');
    if (fragment === null) return setError('This link has no room in it (the part after #). Ask for the share link again and copy all of it.');
    if ('error' in fragment) return setError(fragment.error);
    void (async () => {
      await ensureJoinedProject(id);
      const current = await readShare(id);
      // An edit link already here is not traded for a read-only one of the same room.
      const keep = current && current.roomId === fragment.roomId && current.access === 'edit' && fragment.access === 'read';
      if (!keep) await saveShare(id, { relay: window.location.origin, roomId: fragment.roomId, secret: fragment.secret, access: fragment.access });
      router.replace(`/project?id=${id}`);
    })().catch((e: unknown) => setError(`The shared project could not be opened: ${toShownError(e).message}`));
  }, [router]);
  return (
    <>
      <TopBar />
      <main className="page stack">
        {error ? (
          <div className="message error" role="alert">
            <strong>This share link does not work</strong>
            {error} <Link href="/">Back to your projects</Link>
          </div>
        ) : (
          <p className="muted" role="status">
            Joining the shared project…
          </p>
        )}
      </main>
    </>
  );
}
