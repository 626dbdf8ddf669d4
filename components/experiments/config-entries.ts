import { METRICS } from '@/lib/ml/metrics/registry';
import type { ExperimentConfig } from '@/lib/jobs/train-records';
import { overridesText } from '@/lib/data/column-overrides';

/** The config settings people read, in a fixed order, as text: the detail view and the compare diff. */
export const CONFIG_KEYS = ['label', 'task', 'metric', 'timeBudgetS', 'seed', 'learners', 'ensemble', 'backend', 'columns'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

const LABELS: Record<ConfigKey, string> = {
  label: 'Label',
  task: 'Task',
  metric: 'Metric',
  timeBudgetS: 'Time budget',
  seed: 'Seed',
  learners: 'Learners',
  ensemble: 'Ensemble',
  backend: 'Backend',
  columns: 'Columns',
};

export function configEntries(config: ExperimentConfig | undefined): { key: ConfigKey; label: string; value: string }[] {
  return CONFIG_KEYS.map((key) => ({ key, label: LABELS[key], value: config ? configValue(config, key) : '–' }));
}

function configValue(config: ExperimentConfig, key: ConfigKey): string {
  switch (key) {
    case 'metric':
      return METRICS[config.metric].label;
    case 'timeBudgetS':
      return `${config.timeBudgetS} s`;
    case 'learners':
      return config.learners.join(', ');
    case 'ensemble':
      return config.ensemble ? 'yes' : 'no';
    case 'columns':
      return config.columns ? overridesText(config.columns) : 'not recorded';
    default:
      return String(config[key]);
  }
}
