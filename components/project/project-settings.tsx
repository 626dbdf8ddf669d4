'use client';
import { LEARNER_NAMES } from '@/lib/ml/types';
import { useProjectSettings } from '@/lib/react/use-project-settings';
import { BUILT_IN_TRAIN_DEFAULTS } from '@/lib/sync/project-settings';
import { LearnerChecks } from '@/components/train/learner-checks';

const BACKENDS = ['auto', 'wasm', 'cpu', 'webgpu'] as const;

/**
 * The project's training defaults, shared with collaborators: every train cell uses them unless it
 * sets its own value (built-in default < project < cell). An empty field means the built-in default.
 */
export function ProjectSettingsPanel() {
  const [settings, write] = useProjectSettings();
  const number = (raw: string, valid: (n: number) => boolean): number | undefined => {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) && valid(n) ? n : undefined;
  };
  const learners = settings.learners ?? BUILT_IN_TRAIN_DEFAULTS.learners;
  return (
    <details className="project-settings">
      <summary>Project settings</summary>
      <p className="muted small">Training defaults for every train cell of this project that does not set its own. Empty: the built-in default.</p>
      <div className="train-form">
        <label>
          Time budget (s)
          <input
            type="number"
            aria-label="Project time budget in seconds"
            min={1}
            placeholder={String(BUILT_IN_TRAIN_DEFAULTS.timeBudgetS)}
            value={settings.timeBudgetS ?? ''}
            onChange={(e) => write({ timeBudgetS: number(e.target.value, (n) => n > 0 && n <= 86_400) })}
          />
        </label>
        <label>
          Seed
          <input
            type="number"
            aria-label="Project seed"
            step={1}
            placeholder={String(BUILT_IN_TRAIN_DEFAULTS.seed)}
            value={settings.seed ?? ''}
            onChange={(e) => write({ seed: number(e.target.value, Number.isInteger) })}
          />
        </label>
        <label>
          Backend
          <select aria-label="Project backend" value={settings.backend ?? ''} onChange={(e) => write({ backend: BACKENDS.find((b) => b === e.target.value) })}>
            <option value="">Built-in ({BUILT_IN_TRAIN_DEFAULTS.backend})</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        {/* All of them is the built-in default: store nothing then. */}
        <LearnerChecks label="Project learners" value={learners} onChange={(next) => write({ learners: next.length === LEARNER_NAMES.length ? undefined : next })} />
      </div>
    </details>
  );
}
