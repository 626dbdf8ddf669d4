/**
 * The shape of a project's Yjs document: the notebook, as every collaborator sees it.
 *
 * A project is one `Y.Doc`. Its top-level types are:
 *
 * - `doc.getMap('meta')`: `name` (string, the project's name as shared with collaborators),
 *   `createdAt` (epoch ms) and `formatVersion` (number, FORMAT_VERSION when written).
 * - `doc.getArray('cells')`: the notebook in display order. Each element is a `Y.Map` with
 *   - `id`: a CellId (ULID), stable for the cell's whole life, moves included;
 *   - `kind`: 'markdown' | 'data' | 'train' | 'sweep' | 'predict' | 'evaluate' | 'code';
 *   - `source`: a `Y.Text`, the cell's markdown source or a code cell's code, edited character by character;
 *   - `collapsed`: boolean;
 *   - `config`: a `Y.Map` of plain JSON values, one key per setting (a data cell's
 *     `datasetHash`, `fileName`, `sourceUrl`, `label`, `task`, `columnOverrides`, `skipRagged`). One key per setting lets
 *     two people change different settings at once without one write erasing the other.
 *
 * Bulk never goes in here (the document keeps its whole history): datasets are referenced by
 * content hash and live in lib/store's blobs.
 *
 * Anything read back may have come from a peer running other code, so reads validate with zod and
 * skip what does not fit (a cell of an unknown kind, a config value of the wrong type) rather than
 * crash. Writes from this module are trusted.
 *
 * This module must not import lib/store or any persistence: it only knows the document.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { CellId, ContentHash } from '@/lib/ids';
import { CODE_LANGUAGES } from '@/lib/code/languages';
import { MAX_MEMORY_LIMIT_MB, MAX_TIME_LIMIT_S, MIN_MEMORY_LIMIT_MB } from '@/lib/code/limits';
import { columnOverridesSchema } from '@/lib/data/column-overrides';
import { TASKS } from '@/lib/data/types';
import { METRIC_NAMES } from '@/lib/ml/metrics/registry';
import { LEARNER_NAMES } from '@/lib/ml/types';

/** Bumped when the shape above changes in a way older code cannot read. */
export const FORMAT_VERSION = 1;

export const CELL_KINDS = ['markdown', 'data', 'train', 'sweep', 'predict', 'evaluate', 'code'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

/**
 * A path on the app's own origin ("/samples/penguins.csv"). A sample's data cell fetches it, so a
 * peer's value must not be able to point the fetch at another site ("//evil.example", "https:").
 */
const APP_PATH_PATTERN = /^\/(?![/\\])[A-Za-z0-9._~\-/]*$/;

/** Every known config key, all optional; each key is validated on its own when read. */
export const cellConfigSchema = z.object({
  datasetHash: z.string().refine(ContentHash.is, 'not a SHA-256 hex hash'),
  /** The imported file's name, shown on the cell. */
  fileName: z.string(),
  /** A built-in sample's file, imported when the cell first shows with no dataset. */
  sourceUrl: z.string().regex(APP_PATH_PATTERN, 'not a path on this app'),
  label: z.string(),
  task: z.enum(TASKS),
  columnOverrides: columnOverridesSchema,
  skipRagged: z.boolean(),
  /** Train cell: the data cell whose dataset (and, by default, label and task) it trains on. */
  sourceCellId: z.string().refine(CellId.is, 'not a cell id'),
  metric: z.enum(METRIC_NAMES),
  timeBudgetS: z.number().positive().max(86_400),
  seed: z.number().int(),
  learners: z.array(z.enum(LEARNER_NAMES)).min(1),
  ensemble: z.boolean(),
  backend: z.enum(['auto', 'wasm', 'cpu', 'webgpu']),
  /** Train cell: its latest experiment (lib/store experiments). */
  experimentId: z.string(),
  /**
   * Predict and evaluate cells: the model, as 'production' / 'staging' or an experiment id;
   * absent: the production model, else the newest (lib/experiments/choose-model).
   */
  model: z.string().max(200),
  /** Predict and evaluate cells: rows from a data cell (`sourceCellId`), a picked file, or the row form. */
  inputSource: z.enum(['cell', 'file', 'row']),
  /** Predict cell: the row form's values as typed, by feature name. */
  row: z.record(z.string(), z.string().max(10_000)),
  /** Predict and evaluate cells: their latest output (predictions or evaluation artifact). */
  artifactId: z.string().max(200),
  /**
   * Sweep cell: the sweep as typed (params and seeds as text, lib/experiments/sweep-text), kept as
   * typed so a half-written line survives a reload; checked when the sweep runs.
   */
  sweep: z.object({
    learner: z.enum(LEARNER_NAMES),
    mode: z.enum(['grid', 'random']),
    params: z.string().max(10_000),
    seeds: z.string().max(1_000),
    samples: z.number().int().positive().max(1_000_000).optional(),
  }),
  /** Code cell: the language of its code (`source`), and its config as typed (JSON, checked when it runs). */
  language: z.enum(CODE_LANGUAGES),
  codeConfig: z.string().max(100_000),
  /** Code cell: the data cell whose rows `predict` gets as `future` (absent: it only trains). */
  futureCellId: z.string().refine(CellId.is, 'not a cell id'),
  /** Code cell: the bounds of a run. */
  timeLimitS: z.number().positive().max(MAX_TIME_LIMIT_S),
  memoryLimitMb: z.number().int().min(MIN_MEMORY_LIMIT_MB).max(MAX_MEMORY_LIMIT_MB),
  /** Code cell: the model artifact of its latest run (its predictions are `artifactId`). */
  modelArtifactId: z.string().max(200),
});
type ConfigShape = z.infer<typeof cellConfigSchema>;
export type CellConfig = { -readonly [K in keyof ConfigShape]?: ConfigShape[K] };
/** `undefined` removes the key. */
export type CellConfigPatch = { [K in keyof ConfigShape]?: ConfigShape[K] | undefined };
const CONFIG_KEYS = Object.keys(cellConfigSchema.shape) as (keyof ConfigShape)[];

/** A plain snapshot of one cell, safe to hand to React. */
export interface CellView {
  readonly id: CellId;
  readonly kind: CellKind;
  readonly collapsed: boolean;
  readonly source: string;
  readonly config: CellConfig;
}

export interface ProjectMeta {
  readonly name?: string;
  readonly createdAt?: number;
  readonly formatVersion?: number;
}

const metaSchema = z.object({
  name: z.string().optional().catch(undefined),
  createdAt: z.number().finite().optional().catch(undefined),
  formatVersion: z.number().int().optional().catch(undefined),
});

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta');
}

function cellsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('cells');
}

export function readProjectMeta(doc: Y.Doc): ProjectMeta {
  return metaSchema.parse(metaMap(doc).toJSON());
}

/** Writes the given fields and stamps the current FORMAT_VERSION. */
export function writeProjectMeta(doc: Y.Doc, patch: { name?: string; createdAt?: number }): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    if (patch.name !== undefined) meta.set('name', patch.name);
    if (patch.createdAt !== undefined) meta.set('createdAt', patch.createdAt);
    meta.set('formatVersion', FORMAT_VERSION);
  });
}

/** Calls `fn` with the validated meta whenever it changes. Returns the unsubscribe. */
export function observeProjectMeta(doc: Y.Doc, fn: (meta: ProjectMeta) => void): () => void {
  const meta = metaMap(doc);
  const handler = (): void => fn(readProjectMeta(doc));
  meta.observe(handler);
  return () => meta.unobserve(handler);
}

function findCell(doc: Y.Doc, cellId: CellId): { index: number; cell: Y.Map<unknown> } | undefined {
  const cells = cellsArray(doc).toArray();
  // A peer could put anything in the array: only a Y.Map can be a cell.
  const index = cells.findIndex((cell) => cell instanceof Y.Map && cell.get('id') === cellId);
  const cell = cells[index];
  return cell ? { index, cell } : undefined;
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(Math.trunc(index), length));
}

/** Appends a new empty cell, or inserts it at `index`. Returns its id. */
export function addCell(doc: Y.Doc, kind: CellKind, index?: number): CellId {
  const id = CellId.create();
  const cell = new Y.Map<unknown>();
  cell.set('id', id);
  cell.set('kind', kind);
  cell.set('source', new Y.Text());
  cell.set('collapsed', false);
  cell.set('config', new Y.Map<unknown>());
  const cells = cellsArray(doc);
  doc.transact(() => cells.insert(clampIndex(index ?? cells.length, cells.length), [cell]));
  return id;
}

/**
 * Inserts whole cells (a pipeline import) at `index`, or at the end, in one transaction: each
 * with its id, kind, markdown source and settings (validated as on read; a bad value is skipped).
 */
export function insertCells(doc: Y.Doc, cells: readonly { readonly id: CellId; readonly kind: CellKind; readonly source: string; readonly config: CellConfig }[], index?: number): void {
  const maps = cells.map((c) => {
    const cell = new Y.Map<unknown>();
    cell.set('id', c.id);
    cell.set('kind', c.kind);
    const source = new Y.Text();
    if (c.source) source.insert(0, c.source);
    cell.set('source', source);
    cell.set('collapsed', false);
    const config = new Y.Map<unknown>();
    for (const key of CONFIG_KEYS) {
      const value = c.config[key];
      if (value !== undefined && cellConfigSchema.shape[key].safeParse(value).success) config.set(key, value);
    }
    cell.set('config', config);
    return cell;
  });
  const all = cellsArray(doc);
  doc.transact(() => all.insert(clampIndex(index ?? all.length, all.length), maps));
}

/**
 * Moves a cell so that it ends up at `toIndex`. Y.Array has no move, so this deletes the cell and
 * inserts a deep clone (same id, kind, source, collapsed, config, and any keys a newer peer added)
 * in one transaction. A peer's edit to the old copy made concurrently with the move is lost, and
 * a `cellText` taken before the move points at the deleted copy: take it again after a move.
 * Returns false when the cell is gone (a peer may have deleted it).
 */
export function moveCell(doc: Y.Doc, cellId: CellId, toIndex: number): boolean {
  const found = findCell(doc, cellId);
  if (!found) return false;
  const cells = cellsArray(doc);
  const target = clampIndex(toIndex, cells.length - 1);
  if (target === found.index) return true;
  doc.transact(() => {
    const copy = found.cell.clone();
    cells.delete(found.index, 1);
    cells.insert(target, [copy]);
  });
  return true;
}

/** Returns false when the cell was already gone. */
export function deleteCell(doc: Y.Doc, cellId: CellId): boolean {
  const cells = cellsArray(doc);
  const indexes: number[] = [];
  cells.forEach((cell, index) => {
    if (cell instanceof Y.Map && cell.get('id') === cellId) indexes.push(index);
  });
  // Every copy goes (see readCells on duplicates), last first so the indexes stay valid.
  doc.transact(() => indexes.reverse().forEach((index) => cells.delete(index, 1)));
  return indexes.length > 0;
}

/** Returns false when the cell is gone. */
export function setCollapsed(doc: Y.Doc, cellId: CellId, collapsed: boolean): boolean {
  const found = findCell(doc, cellId);
  if (!found) return false;
  found.cell.set('collapsed', collapsed);
  return true;
}

/** The live source text of a cell, for an editor binding; undefined when the cell is gone. */
export function cellText(doc: Y.Doc, cellId: CellId): Y.Text | undefined {
  const source = findCell(doc, cellId)?.cell.get('source');
  return source instanceof Y.Text ? source : undefined;
}

function readConfigMap(value: unknown): CellConfig {
  if (!(value instanceof Y.Map)) return {};
  const config: CellConfig = {};
  for (const key of CONFIG_KEYS) {
    const raw: unknown = value.get(key);
    if (raw === undefined) continue;
    // Each key on its own: one bad value from a peer must not hide the good ones.
    const parsed = cellConfigSchema.shape[key].safeParse(raw);
    if (parsed.success) Object.assign(config, { [key]: parsed.data });
  }
  return config;
}

/** The validated config of a cell; undefined when the cell is gone. */
export function readCellConfig(doc: Y.Doc, cellId: CellId): CellConfig | undefined {
  const found = findCell(doc, cellId);
  return found ? readConfigMap(found.cell.get('config')) : undefined;
}

/**
 * Sets (or, with `undefined`, removes) config keys in one transaction. Throws a TypeError on a
 * value that does not fit the schema: that is a bug in our code, not a peer's. Returns false
 * when the cell is gone.
 */
export function writeCellConfig(doc: Y.Doc, cellId: CellId, patch: CellConfigPatch): boolean {
  const checked = cellConfigSchema.partial().safeParse(patch);
  if (!checked.success) throw new TypeError(`Invalid cell config: ${checked.error.message}`);
  const found = findCell(doc, cellId);
  if (!found) return false;
  const { cell } = found;
  doc.transact(() => {
    const existing = cell.get('config');
    const config: Y.Map<unknown> = existing instanceof Y.Map ? existing : new Y.Map<unknown>();
    if (config !== existing) cell.set('config', config);
    for (const key of CONFIG_KEYS) {
      if (!(key in patch)) continue;
      const value = patch[key];
      if (value === undefined) config.delete(key);
      // Stored as a plain JSON value: clone so a later mutation of `patch` can't leak in.
      else config.set(key, structuredClone(value));
    }
  });
  return true;
}

const cellHeadSchema = z.object({
  id: z.string().refine(CellId.is),
  kind: z.enum(CELL_KINDS),
  collapsed: z.boolean().catch(false),
});

function readCell(cell: Y.Map<unknown>): CellView | undefined {
  const head = cellHeadSchema.safeParse({
    id: cell.get('id'),
    kind: cell.get('kind'),
    collapsed: cell.get('collapsed'),
  });
  // A cell whose id or kind we can't read (garbage, or a kind from newer code) is left out.
  if (!head.success) return undefined;
  const source = cell.get('source');
  return {
    id: head.data.id,
    kind: head.data.kind,
    collapsed: head.data.collapsed,
    source: source instanceof Y.Text ? source.toString() : '',
    config: readConfigMap(cell.get('config')),
  };
}

/**
 * A plain snapshot of the notebook, in order. Two peers moving the same cell at once each insert
 * a copy, so an id can appear twice: the first copy wins (every peer agrees on the order, so on
 * the winner too), the same one `findCell` edits.
 */
export function readCells(doc: Y.Doc): CellView[] {
  const views: CellView[] = [];
  const seen = new Set<string>();
  for (const cell of cellsArray(doc).toArray()) {
    const view = cell instanceof Y.Map ? readCell(cell) : undefined;
    if (!view || seen.has(view.id)) continue;
    seen.add(view.id);
    views.push(view);
  }
  return views;
}

/**
 * Calls `fn` with a fresh snapshot after every change to the cells (order, source, config…),
 * local or remote; `transaction.local` tells which. Returns the unsubscribe.
 */
export function observeCells(
  doc: Y.Doc,
  fn: (cells: CellView[], transaction: Y.Transaction) => void,
): () => void {
  const cells = cellsArray(doc);
  const handler = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void =>
    fn(readCells(doc), transaction);
  cells.observeDeep(handler);
  return () => cells.unobserveDeep(handler);
}
