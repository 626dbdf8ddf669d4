import { ExperimentsScreen } from '@/components/experiments/experiments-screen';

/** A project's experiments; the project (and an opened or compared experiment) come from the query string. */
export default function ExperimentsPage() {
  return <ExperimentsScreen />;
}
