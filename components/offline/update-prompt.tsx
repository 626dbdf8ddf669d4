'use client';
import { Serwist } from '@serwist/window';
import { useEffect, useRef, useState } from 'react';

/** How often an open tab asks the server for a new version, besides on every page load. */
const UPDATE_CHECK_MS = 30 * 60_000;

/**
 * Registers the service worker (workers/service-worker/sw.ts) in production builds and, when a new
 * version has installed, says so and reloads on request. Until then the tab keeps running the
 * version it started with, from the precache. Accepting activates the new worker; every open
 * Loopbook tab then reloads, since the old version's files leave the cache.
 */
export function UpdatePrompt() {
  const serwist = useRef<Serwist | null>(null);
  const [ready, setReady] = useState(false);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    if (process.env.NODE_ENV !== 'production') {
      // `npm run dev` on an origin where a build once ran: its worker would serve that build's pages.
      void navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => void r.unregister()));
      return;
    }
    const sw = new Serwist('/sw.js', { scope: '/' });
    serwist.current = sw;
    sw.addEventListener('waiting', () => setReady(true));
    // The first worker claims this page without a reload; a later one replaces a version in use.
    let controlled = navigator.serviceWorker.controller !== null;
    const onControllerChange = () => {
      if (controlled) window.location.reload();
      controlled = true;
    };
    navigator.serviceWorker.addEventListener('controllerchange', onControllerChange);
    const check = () => {
      if (document.visibilityState === 'visible') void sw.update().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, UPDATE_CHECK_MS);
    void sw.register().catch((error: unknown) => console.warn('Loopbook could not install its offline copy:', error));
    return () => {
      navigator.serviceWorker.removeEventListener('controllerchange', onControllerChange);
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
      serwist.current = null;
    };
  }, []);

  if (!ready) return null;
  const reload = () => {
    setReloading(true);
    serwist.current?.messageSkipWaiting();
  };
  return (
    <aside className="update-prompt message info" role="status" aria-label="New version">
      <strong>A new version of Loopbook is ready.</strong>
      <span>Reloading updates every open Loopbook tab; your projects stay as they are. A training run in progress stops.</span>
      <div className="row">
        <button type="button" className="primary" onClick={reload} disabled={reloading}>
          {reloading ? 'Reloading…' : 'Reload to update'}
        </button>
        <button type="button" onClick={() => setReady(false)} disabled={reloading}>
          Later
        </button>
      </div>
    </aside>
  );
}
