import { ExperimentsScreen } from '@/components/experiments/experiments-screen';
import { FIRST_SCREEN_EXPERIMENTS } from '@/lib/experiments/list';
import { DB_NAME } from '@/lib/store/db';
import { EARLY_FIRST_SCREEN_KEY, startEarlyFirstScreenRead } from '@/lib/store/early-first-screen';

/** The first rows' read, started by the HTML itself: it overlaps the loading of the app's scripts. */
const EARLY_READ = `(${startEarlyFirstScreenRead.toString()})(${JSON.stringify(DB_NAME)}, ${FIRST_SCREEN_EXPERIMENTS}, ${JSON.stringify(EARLY_FIRST_SCREEN_KEY)});`;

/** A project's experiments; the project (and an opened or compared experiment) come from the query string. */
export default function ExperimentsPage() {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: EARLY_READ }} />
      <ExperimentsScreen />
    </>
  );
}
