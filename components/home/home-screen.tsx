'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useProjectActions, useProjects, useShareAccess } from '@/lib/react/use-projects';
import { SAMPLES } from '@/lib/samples';
import { TopBar } from '@/components/project/top-bar';
import { ImportProject } from './import-project';
import { ProjectRow } from './project-row';
import { StoragePanel } from './storage-panel';

export function HomeScreen() {
  const projects = useProjects();
  const shares = useShareAccess();
  const actions = useProjectActions();
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function attempt(what: string, work: () => Promise<void>) {
    setError(null);
    setBusy(what);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  function create(event: FormEvent) {
    event.preventDefault();
    void attempt('create', async () => {
      const id = await actions.create(name.trim() || 'Untitled project');
      setName('');
      router.push(`/project?id=${id}`);
    });
  }

  return (
    <>
      <TopBar />
      <main className="page stack" style={{ gap: 24 }}>
        <section className="card stack" aria-labelledby="new-project">
          <h1 id="new-project">Projects</h1>
          <p className="muted" style={{ margin: 0 }}>
            Everything stays in this browser: data, notebooks and models. Start a project, drop a table into it, pick the
            column to predict.
          </p>
          <form className="row" onSubmit={create}>
            <label htmlFor="project-name" className="visually-hidden">
              New project name
            </label>
            <input
              id="project-name"
              placeholder="New project name"
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              style={{ minWidth: 280 }}
            />
            <button type="submit" className="primary" disabled={busy !== null}>
              Create project
            </button>
          </form>
          {error && (
            <div className="message error" role="alert">
              {error}
            </div>
          )}
          <ImportProject />
        </section>

        <section aria-labelledby="your-projects">
          <h2 id="your-projects">Your projects</h2>
          {projects === undefined ? (
            <p className="muted">Loading projects…</p>
          ) : projects.length === 0 ? (
            <p className="muted">No projects yet. Create one above, or open a sample below.</p>
          ) : (
            <table className="grid card" aria-label="Projects" style={{ padding: 0 }}>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Last change</th>
                  <th className="num">Datasets</th>
                  <th className="num">Experiments</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.map((project) => (
                  <ProjectRow
                    key={project.id}
                    project={project}
                    shared={shares?.get(project.id)}
                    onRename={(newName) => attempt('rename', () => actions.rename(project.id, newName))}
                    onDuplicate={() => attempt('duplicate', async () => void (await actions.duplicate(project.id)))}
                    onDelete={() => attempt('delete', () => actions.remove(project.id))}
                  />
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="samples">
          <h2 id="samples">Samples</h2>
          <div className="row" style={{ alignItems: 'stretch' }}>
            {SAMPLES.map((sample) => (
              <div key={sample.id} className="card stack" style={{ flex: '1 1 300px' }}>
                <h3 style={{ margin: 0 }}>{sample.name}</h3>
                <p className="muted small" style={{ margin: 0, flex: 1 }}>
                  {sample.summary}
                </p>
                <div>
                  <button
                    type="button"
                    disabled={busy !== null}
                    aria-label={`Open sample ${sample.name}`}
                    onClick={() =>
                      attempt('sample', async () => {
                        const id = await actions.openSample(sample.id);
                        router.push(`/project?id=${id}`);
                      })
                    }
                  >
                    Open sample
                  </button>
                </div>
              </div>
            ))}
          </div>
        </section>

        <StoragePanel />
      </main>
      <footer className="page muted small">
        <Link href="/diagnostics">Diagnostics</Link>: check WebGPU against the CPU on this device.
      </footer>
    </>
  );
}
