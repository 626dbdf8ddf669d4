import { JoinScreen } from '@/components/project/join-screen';

/** A share link, `/p/<projectId>#room=…`: joins the project in this browser, then opens it. */
export default function JoinPage() {
  return <JoinScreen />;
}
