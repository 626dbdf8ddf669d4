/**
 * Artifacts and the tree they form (DESIGN.md §2 "artifact"): a config is the root and names the
 * dataset; a trained model (level 0) hangs under its config, predictions (level 1) under a model,
 * an evaluation or a workspace (level 2) under predictions.
 *
 * The config is an artifact record of its own (kind `config`, level −1, no parent, carrying the
 * dataset hash), so every model's lineage ends at a record that says what it was trained from.
 * The level is not stored on a record: it follows from the kind (one owner per fact).
 *
 * Records may come from a peer, so the index never trusts them to form a tree: a parent that is
 * missing makes a root, and a cycle is broken at its smallest id. No walk can loop.
 */

export const ARTIFACT_LEVEL = { config: -1, model: 0, predictions: 1, evaluation: 2, workspace: 2 } as const;
export type ArtifactKind = keyof typeof ARTIFACT_LEVEL;
export const ARTIFACT_KINDS = Object.keys(ARTIFACT_LEVEL) as ArtifactKind[];

export interface ArtifactRecord {
  readonly id: string;
  readonly projectId: string;
  readonly kind: ArtifactKind;
  /** null for a config; for any other kind, an artifact one level up. */
  readonly parentId: string | null;
  readonly experimentId?: string;
  /** Set on configs: the dataset the subtree was made from. */
  readonly datasetHash?: string;
  /** The content-addressed blob holding the artifact's bytes, when it has one. */
  readonly blobHash?: string;
  readonly name: string;
  readonly createdAt: number;
}

/** Thrown or returned when an artifact would break the level order. */
export class LineageError extends Error {
  override name = 'LineageError';
}

/**
 * Whether an artifact of kind `child` may hang under one of kind `parent` (null: no parent):
 * only a config is a root, and every other kind sits exactly one level under its parent.
 */
export function checkParent(child: ArtifactKind, parent: ArtifactKind | null): true | LineageError {
  if (parent === null) {
    return child === 'config' ? true : new LineageError(`A ${child} needs a parent (${expectedParent(child)}); only a config stands alone.`);
  }
  if (child === 'config') return new LineageError('A config is a root: it has no parent.');
  if (ARTIFACT_LEVEL[parent] !== ARTIFACT_LEVEL[child] - 1) {
    return new LineageError(`A ${child} belongs under ${expectedParent(child)}, not under a ${parent}.`);
  }
  return true;
}

function expectedParent(child: ArtifactKind): string {
  const kinds = ARTIFACT_KINDS.filter((k) => ARTIFACT_LEVEL[k] === ARTIFACT_LEVEL[child] - 1);
  return kinds.map((k) => `a ${k}`).join(' or ');
}

export interface DeletionPlan {
  /** The artifact and its whole subtree, parents before children. Empty for an unknown id. */
  readonly artifactIds: string[];
  /** Blob hashes of those artifacts that nothing left references: safe to delete. */
  readonly blobsToCollect: string[];
  /** True when more than the artifact itself goes: the UI asks first. */
  readonly needsConfirmation: boolean;
}

export interface LineageIndex {
  get(id: string): ArtifactRecord | undefined;
  /** The parent as the index sees it (undefined for a root, a dangling parent or a broken cycle). */
  parentOf(id: string): ArtifactRecord | undefined;
  children(id: string): readonly ArtifactRecord[];
  roots(): readonly ArtifactRecord[];
  /** The way up: parent first, root last (the artifact itself excluded). */
  ancestors(id: string): ArtifactRecord[];
  /** The dataset of the artifact's lineage: the nearest `datasetHash` on the way up, itself included. */
  datasetHashOf(id: string): string | undefined;
  /** The whole subtree under the artifact, breadth-first (the artifact itself excluded). */
  descendants(id: string): ArtifactRecord[];
  /**
   * What deleting the artifact takes with it. `otherBlobRefs`: blob hashes referenced outside the
   * artifacts (experiment records, the registry, datasets): never collected.
   */
  deletionPlan(id: string, otherBlobRefs: ReadonlySet<string>): DeletionPlan;
}

/**
 * Indexes artifacts once (O(n)); queries then cost the size of their answer. When two records
 * share an id, the first is kept.
 *
 * @example const lineage = buildLineageIndex(artifacts); lineage.datasetHashOf(predictionsId);
 */
export function buildLineageIndex(artifacts: readonly ArtifactRecord[]): LineageIndex {
  const byId = new Map<string, ArtifactRecord>();
  for (const a of artifacts) if (!byId.has(a.id)) byId.set(a.id, a);
  const parent = effectiveParents(byId);
  const children = new Map<string, ArtifactRecord[]>();
  const roots: ArtifactRecord[] = [];
  const blobRefs = new Map<string, number>();
  for (const a of byId.values()) {
    const p = parent.get(a.id);
    if (p === undefined) roots.push(a);
    else {
      const list = children.get(p);
      if (list) list.push(a);
      else children.set(p, [a]);
    }
    if (a.blobHash !== undefined) blobRefs.set(a.blobHash, (blobRefs.get(a.blobHash) ?? 0) + 1);
  }

  const parentOf = (id: string): ArtifactRecord | undefined => {
    const p = parent.get(id);
    return p === undefined ? undefined : byId.get(p);
  };
  const ancestors = (id: string): ArtifactRecord[] => {
    const out: ArtifactRecord[] = [];
    // Terminates: effective parents form a forest.
    for (let a = parentOf(id); a; a = parentOf(a.id)) out.push(a);
    return out;
  };
  const descendants = (id: string): ArtifactRecord[] => {
    const out: ArtifactRecord[] = [];
    const queue = [...(children.get(id) ?? [])];
    for (let i = 0; i < queue.length; i++) {
      const a = queue[i];
      if (!a) continue;
      out.push(a);
      for (const c of children.get(a.id) ?? []) queue.push(c);
    }
    return out;
  };

  return {
    get: (id) => byId.get(id),
    parentOf,
    children: (id) => children.get(id) ?? [],
    roots: () => roots,
    ancestors,
    datasetHashOf(id) {
      const self = byId.get(id);
      if (self?.datasetHash !== undefined) return self.datasetHash;
      return ancestors(id).find((a) => a.datasetHash !== undefined)?.datasetHash;
    },
    descendants,
    deletionPlan(id, otherBlobRefs) {
      const self = byId.get(id);
      if (!self) return { artifactIds: [], blobsToCollect: [], needsConfirmation: false };
      const subtree = [self, ...descendants(id)];
      const inside = new Map<string, number>();
      for (const a of subtree) if (a.blobHash !== undefined) inside.set(a.blobHash, (inside.get(a.blobHash) ?? 0) + 1);
      const blobsToCollect = [...inside].filter(([hash, n]) => n === blobRefs.get(hash) && !otherBlobRefs.has(hash)).map(([hash]) => hash);
      return { artifactIds: subtree.map((a) => a.id), blobsToCollect, needsConfirmation: subtree.length > 1 };
    },
  };
}

/**
 * Each artifact's parent id as the index uses it: undefined for a root, a dangling parent, or the
 * smallest id of a cycle (the cycle is cut there). Iterative: a peer's 100,000-long chain cannot
 * overflow the stack.
 */
function effectiveParents(byId: ReadonlyMap<string, ArtifactRecord>): Map<string, string | undefined> {
  const parent = new Map<string, string | undefined>();
  for (const start of byId.keys()) {
    if (parent.has(start)) continue;
    // Walk up until a resolved artifact, a root, or an artifact already on this walk (a cycle).
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | undefined = start;
    while (id !== undefined && !parent.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      const p: string | null | undefined = byId.get(id)?.parentId;
      id = p !== null && p !== undefined && byId.has(p) ? p : undefined;
    }
    if (id !== undefined && onPath.has(id)) {
      const cycle = path.slice(onPath.get(id));
      const cut = cycle.reduce((min, c) => (c < min ? c : min));
      parent.set(cut, undefined);
    }
    for (const p of path) {
      if (parent.has(p)) continue;
      const raw = byId.get(p)?.parentId;
      parent.set(p, raw !== null && raw !== undefined && byId.has(raw) ? raw : undefined);
    }
  }
  return parent;
}
