import { ProjectScreen } from '@/components/project/project-screen';

/** One static shell for every project: the id is read from `?id=` after mounting, so it works offline. */
export default function ProjectPage() {
  return <ProjectScreen />;
}
