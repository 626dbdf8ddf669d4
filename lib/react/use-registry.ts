'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { demote, promote, registryState, rollback, RegistryError, type RegistryEvent, type RegistryModel, type RegistryState, type Stage } from '../experiments/registry';
import { appendRegistryEvent, observeRegistry, readRegistryEvents } from '../sync/registry-doc';
import { useProject } from './project-context';
import { readUserName } from './use-user-name';

export interface Registry {
  readonly events: readonly RegistryEvent[];
  readonly state: RegistryState;
  /** Each returns the refusal to show, or undefined when the change was written. */
  promote(model: RegistryModel, stage: Stage): RegistryError | undefined;
  demote(stage: Stage): RegistryError | undefined;
  rollback(stage: Stage, isAvailable?: (modelId: string) => boolean): RegistryError | undefined;
}

/** The project's model registry, live (a collaborator's promotion shows at once), and its changes. */
export function useRegistry(): Registry {
  const { doc } = useProject();
  const [events, setEvents] = useState<readonly RegistryEvent[]>(() => readRegistryEvents(doc));
  useEffect(() => {
    setEvents(readRegistryEvents(doc));
    return observeRegistry(doc, setEvents);
  }, [doc]);
  const apply = useCallback(
    (result: RegistryEvent | RegistryError): RegistryError | undefined => {
      if (result instanceof RegistryError) return result;
      appendRegistryEvent(doc, result);
      return undefined;
    },
    [doc],
  );
  const state = useMemo(() => registryState(events), [events]);
  return {
    events,
    state,
    promote: (model, stage) => apply(promote(readRegistryEvents(doc), model, stage, readUserName(), Date.now())),
    demote: (stage) => apply(demote(readRegistryEvents(doc), stage, readUserName(), Date.now())),
    rollback: (stage, isAvailable) => apply(rollback(readRegistryEvents(doc), stage, readUserName(), Date.now(), isAvailable)),
  };
}
