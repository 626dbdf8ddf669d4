/**
 * Which prerendered page answers a navigation when the service worker serves the app from its
 * precache (offline, or with the server gone). Every screen is one static shell that reads what it
 * shows from the address after mounting (`/project?id=…`, `/p/<project>#room=…`), so the query and
 * the project part of a share link never choose the page.
 */

/** The pages the build prerenders, each precached as its HTML. */
export const APP_SHELLS = ['/', '/project', '/project/experiments', '/diagnostics', '/p'] as const;
export type AppShell = (typeof APP_SHELLS)[number];

/** The shell for a path, or null when the app has no such page (the network decides: a 404). */
export function shellFor(pathname: string): AppShell | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if ((APP_SHELLS as readonly string[]).includes(path)) return path as AppShell;
  // A share link: /p/<project>. Deeper paths are not the app's.
  if (/^\/p\/[^/]+$/.test(path)) return '/p';
  return null;
}
