/**
 * The command bar: a typed request such as "train Species on penguins for 30 s, then predict
 * new.csv" becomes the cells that do it. Rule-based and offline: a request is clauses joined by
 * "then", ";" or ", then", each one of
 *
 *   train|fit <column> on <data> [for <n> s|min] [with <learners>] [by <metric>]
 *   predict [<column>] [on|for] <data or file> [with production|staging|exp-007]
 *   evaluate [on <data or file>] [with production|staging|exp-007]
 *   import|load|open <sample or file>
 *
 * <data> names a data cell by its file (with or without the extension) or a sample. When
 * something is missing or unknown the plan is a question that says what to write; no cell is
 * made from half a request.
 */
import { CellId } from '../ids';
import { LEARNER_NAMES, type LearnerName } from '../ml/types';
import { METRIC_NAMES, type MetricName } from '../ml/metrics/registry';
import type { CellConfig, CellKind } from '../sync/project-doc';

export interface CommandContext {
  readonly dataCells: readonly { readonly id: CellId; readonly fileName: string; readonly label?: string; readonly columns?: readonly string[] }[];
  readonly samples: readonly { readonly id: string; readonly fileName: string; readonly url: string }[];
  /** exp-007 → its id, for "with exp-007". */
  readonly experiments: readonly { readonly id: string; readonly name: string }[];
}

export interface PlannedCell {
  readonly id: CellId;
  readonly kind: CellKind;
  readonly config: CellConfig;
}

export type CommandPlan =
  | { readonly ok: true; readonly cells: readonly PlannedCell[]; readonly summary: string }
  | { readonly ok: false; readonly question: string };

const EXAMPLE = 'train Species on penguins for 30 s, then predict new.csv';
const FILE = /\.(csv|tsv|txt|json)$/i;
const LEARNER_WORDS: Readonly<Record<string, LearnerName>> = {
  gbdt: 'gbdt', boosting: 'gbdt', 'boosted trees': 'gbdt', 'gradient boosting': 'gbdt', xgboost: 'gbdt',
  rf: 'rf', forest: 'rf', 'random forest': 'rf',
  linear: 'linear', logistic: 'linear', 'linear model': 'linear',
  mlp: 'mlp', 'neural network': 'mlp', 'neural net': 'mlp', nn: 'mlp',
};

class Question extends Error {}

export function planCommand(text: string, context: CommandContext): CommandPlan {
  const clauses = text
    .trim()
    .replace(/\.$/, '')
    .split(/\s*(?:,\s*(?:and\s+)?then\b|;|\band then\b|\bthen\b)\s*/i)
    .map((c) => c.trim().replace(/^,\s*/, ''))
    .filter((c) => c !== '');
  if (clauses.length === 0) return { ok: false, question: `Type what to do, for example: ${EXAMPLE}.` };
  const planner = new Planner(context);
  try {
    for (const clause of clauses) planner.clause(clause);
  } catch (error) {
    if (error instanceof Question) return { ok: false, question: error.message };
    throw error;
  }
  return { ok: true, cells: planner.cells, summary: planner.summary() };
}

class Planner {
  readonly cells: PlannedCell[] = [];
  private readonly notes: string[] = [];
  /** Data cells made by this request, by the name they were asked for. */
  private readonly made = new Map<string, { id: CellId; fileName: string }>();

  constructor(private readonly context: CommandContext) {}

  clause(clause: string): void {
    let m: RegExpMatchArray | null;
    if ((m = /^(?:train|fit|learn)\s+(?:a model\s+(?:for|of|to predict)\s+)?(.+?)\s+(?:on|from|using)\s+(.+)$/i.exec(clause))) return this.train(m[1]!, m[2]!);
    if ((m = /^(?:train|fit|learn)\s+(?:on|from|using)\s+(.+)$/i.exec(clause))) return this.train(undefined, m[1]!);
    if (/^(?:train|fit|learn)\b/i.test(clause)) throw new Question(`Say what to train on: "train <column> on <data>", for example ${EXAMPLE}.`);
    if ((m = /^(predict|evaluate|score)\b\s*(.*)$/i.exec(clause))) return this.use(m[1]!.toLowerCase() === 'predict' ? 'predict' : 'evaluate', m[2]!);
    if ((m = /^(?:import|load|open|add)\s+(.+)$/i.exec(clause))) {
      this.data(m[1]!, true);
      return;
    }
    throw new Question(`I did not understand "${clause}". Start each step with train, predict, evaluate or import, for example: ${EXAMPLE}.`);
  }

  summary(): string {
    const counts = new Map<CellKind, number>();
    for (const c of this.cells) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    const parts = [...counts].map(([kind, n]) => `${n === 1 ? (/^[aeiou]/.test(kind) ? 'an' : 'a') : n} ${kind} ${n === 1 ? 'cell' : 'cells'}`);
    const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
    return `Added ${list}.${this.notes.length ? ` ${this.notes.join(' ')}` : ''}`;
  }

  private train(labelText: string | undefined, rest: string): void {
    const m = /^(.+?)(?:\s+(?:for|in|within)\s+(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?)\b)?(?:\s+with\s+(.+?))?(?:\s+(?:by|optimi[sz]ing|metric)\s+([\w ]+?))?$/i.exec(rest)!;
    const data = this.data(m[1]!, false);
    const config: { -readonly [K in keyof CellConfig]: CellConfig[K] } = { sourceCellId: data.id };
    const label = labelText?.trim().replace(/^["']|["']$/g, '') ?? data.label;
    if (!label) throw new Question(`What should the model predict? Say "train <column> on ${data.fileName}"${data.columns ? `; its columns are ${data.columns.join(', ')}` : ''}.`);
    config.label = this.column(label, data);
    if (m[2]) {
      const seconds = Number(m[2]) * (/^m/i.test(m[3]!) ? 60 : 1);
      if (!(seconds > 0 && seconds <= 86_400)) throw new Question(`A training takes from 1 second to a day; "${m[2]} ${m[3]}" is not that.`);
      config.timeBudgetS = Math.round(seconds);
    }
    if (m[4]) config.learners = learners(m[4]);
    if (m[5]) config.metric = metric(m[5]);
    this.cells.push({ id: CellId.create(), kind: 'train', config });
  }

  private use(kind: 'predict' | 'evaluate', rest: string): void {
    const m = /^(?:(\S+)\s+(?=on\b|for\b|from\b))?(?:(?:on|for|from|against)\s+)?(.*?)(?:\s*with\s+(?:the\s+)?(production|staging|exp-\d+)(?:\s+model)?)?$/i.exec(rest.trim())!;
    const config: { -readonly [K in keyof CellConfig]: CellConfig[K] } = {};
    const model = m[3]?.toLowerCase();
    if (model === 'production' || model === 'staging') config.model = model;
    else if (model) {
      const experiment = this.context.experiments.find((e) => e.name.toLowerCase() === model);
      if (!experiment) throw new Question(`There is no ${model} in this project. Name one that has a model, or say "with production".`);
      config.model = experiment.id;
    }
    const what = m[2]!.trim().replace(/^["']|["']$/g, '');
    if (what === '') {
      if (!this.lastData()) throw new Question(`What should it ${kind} on? Say "${kind} <data or file>", for example ${kind} new.csv.`);
      config.sourceCellId = this.lastData()!;
      config.inputSource = 'cell';
    } else if (FILE.test(what) && !this.findData(what)) {
      config.inputSource = 'file';
      this.notes.push(`Choose ${what} in the ${kind} cell.`);
    } else {
      config.sourceCellId = this.data(what, false).id;
      config.inputSource = 'cell';
    }
    this.cells.push({ id: CellId.create(), kind, config });
  }

  /** A data cell by name: an existing one, one this request made, or a sample added now. */
  private data(name: string, explicit: boolean): { id: CellId; fileName: string; label?: string; columns?: readonly string[] } {
    const found = this.findData(name);
    if (found) {
      if (explicit) this.notes.push(`${found.fileName} is already in a data cell.`);
      return found;
    }
    const key = stem(name);
    const sample = this.context.samples.find((s) => s.id === key || stem(s.fileName) === key);
    if (sample) {
      const id = CellId.create();
      this.cells.push({ id, kind: 'data', config: { sourceUrl: sample.url, fileName: sample.fileName } });
      this.made.set(key, { id, fileName: sample.fileName });
      return { id, fileName: sample.fileName };
    }
    if (explicit && FILE.test(name.trim())) {
      const id = CellId.create();
      this.cells.push({ id, kind: 'data', config: {} });
      this.made.set(key, { id, fileName: name.trim() });
      this.notes.push(`Import ${name.trim()} into the new data cell.`);
      return { id, fileName: name.trim() };
    }
    const known = [...this.context.dataCells.map((d) => d.fileName), ...this.context.samples.map((s) => s.id)];
    throw new Question(`There is no data called "${name.trim()}". Import it into a data cell first, or name one of: ${known.join(', ')}.`);
  }

  private findData(name: string) {
    const key = stem(name);
    return this.made.get(key) ?? this.context.dataCells.findLast((d) => stem(d.fileName) === key);
  }

  private lastData(): CellId | undefined {
    return [...this.cells].reverse().find((c) => c.kind === 'data')?.id ?? this.cells.findLast((c) => c.config.sourceCellId)?.config.sourceCellId ?? this.context.dataCells.at(-1)?.id;
  }

  /** The column as the data spells it, or a question naming the columns. */
  private column(label: string, data: { fileName: string; columns?: readonly string[] }): string {
    if (!data.columns) return label;
    const exact = data.columns.find((c) => c === label) ?? data.columns.find((c) => c.toLowerCase() === label.toLowerCase());
    if (!exact) throw new Question(`${data.fileName} has no column "${label}". Its columns are: ${data.columns.join(', ')}.`);
    return exact;
  }
}

function stem(name: string): string {
  return name.trim().replace(/^["']|["']$/g, '').replace(FILE, '').toLowerCase();
}

function learners(text: string): LearnerName[] {
  const words = text.split(/\s*(?:,|\band\b|\bor\b|\+)\s*/i).map((w) => w.trim().toLowerCase()).filter(Boolean);
  const out = words.map((w) => LEARNER_WORDS[w] ?? LEARNER_NAMES.find((l) => l === w));
  const unknown = words.filter((_, i) => !out[i]);
  if (unknown.length > 0) throw new Question(`"${unknown.join('", "')}" is not a learner. The learners are gbdt (boosted trees), rf (random forest), linear and mlp (neural network).`);
  return [...new Set(out as LearnerName[])];
}

function metric(text: string): MetricName {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/^auc$/, 'roc_auc').replace(/^r_?2$|^r²$/, 'r2');
  const found = METRIC_NAMES.find((m) => m === key);
  if (!found) throw new Question(`"${text.trim()}" is not a metric. The metrics are ${METRIC_NAMES.join(', ')}.`);
  return found;
}
