'use client';
import { useCallback, useEffect, useState } from 'react';
import { observeProjectSettings, readProjectSettings, writeProjectSettings, type ProjectSettings, type ProjectSettingsPatch } from '../sync/project-settings';
import { useProject } from './project-context';

/** The project's settings (training defaults), re-read on every local or remote change, and their writer. */
export function useProjectSettings(): [ProjectSettings, (patch: ProjectSettingsPatch) => void] {
  const { doc } = useProject();
  const [settings, setSettings] = useState<ProjectSettings>(() => readProjectSettings(doc));
  useEffect(() => {
    setSettings(readProjectSettings(doc));
    return observeProjectSettings(doc, setSettings);
  }, [doc]);
  const write = useCallback((patch: ProjectSettingsPatch) => writeProjectSettings(doc, patch), [doc]);
  return [settings, write];
}
