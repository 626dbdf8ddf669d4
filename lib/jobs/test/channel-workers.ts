/**
 * Trial services behind real message channels, exposed and wrapped with Comlink as the worker
 * files do: everything crosses by structured clone, on this thread.
 */
import { expose, wrap } from 'comlink';
import type { TrialWorker } from '../trial-pool';
import type { TrialApi } from '../trial-protocol';
import { createTrialService } from '../trial-service';

export function channelWorkers(n: number): { workers: TrialWorker[]; calls: string[] } {
  const calls: string[] = [];
  const workers = Array.from({ length: n }, () => {
    const { port1, port2 } = new MessageChannel();
    const service = createTrialService();
    const spied: TrialApi = {
      ...service,
      run: (id, candidate, limits) => {
        calls.push(candidate.learner);
        return service.run(id, candidate, limits);
      },
    };
    // Node's MessagePort is the DOM's in all that Comlink uses (postMessage, message events, start).
    expose(spied, port1 as unknown as Parameters<typeof expose>[1]);
    return wrap<TrialApi>(port2 as unknown as Parameters<typeof wrap>[0]);
  });
  return { workers, calls };
}
