import { JoinScreen } from '@/components/project/join-screen';

/**
 * A share link, `/p/<projectId>#room=…` (rewritten here by next.config.mjs): joins the project in
 * this browser, then opens it. One static page for every project, so the service worker can serve
 * it offline; the screen reads the project from the address.
 */
export default function JoinPage() {
  return <JoinScreen />;
}
