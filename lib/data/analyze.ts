/**
 * Everything the data cell shows about a parsed table, in one call: the schema (with the user's
 * overrides), the profile, the suggested or chosen label, the task and the warnings.
 */
import { collectWarnings, inferSchema, inferTask, profileTable, suggestLabel, withOverrides } from './infer';
import type { ColumnSchema, ColumnType, LabelSuggestion, Profile, Table, TaskInference, Warning } from './types';

export type ColumnOverrides = Readonly<Record<string, { readonly type?: ColumnType; readonly included?: boolean }>>;

export interface Analysis {
  readonly schema: readonly ColumnSchema[];
  readonly profile: Profile;
  /** What inference suggests as the label, whatever the user chose. */
  readonly suggestion: LabelSuggestion;
  /** The label in force: the user's choice when it names a column, else the suggestion. */
  readonly label: string | null;
  readonly task: TaskInference;
  readonly warnings: readonly Warning[];
}

export function analyzeTable(table: Table, overrides: ColumnOverrides = {}, chosenLabel?: string | null): Analysis {
  const inferred = inferSchema(table);
  const schema = Object.keys(overrides).length > 0 ? withOverrides(table, inferred, overrides) : inferred;
  const profile = profileTable(table, schema);
  const suggestion = suggestLabel(table, schema, profile);
  const label = chosenLabel && schema.some((c) => c.name === chosenLabel) ? chosenLabel : suggestion.label;
  const task = label
    ? inferTask(table, schema, profile, label)
    : { task: null, reason: 'No column can be the label yet.' };
  const warnings = collectWarnings(table, schema, profile, label);
  return { schema, profile, suggestion, label, task, warnings };
}
