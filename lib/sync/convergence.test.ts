/**
 * Random-order convergence of simulated collaborators (as Yjs tests its types): each peer edits
 * its own copy of a project document through the functions the app uses, the updates reach every
 * other peer shuffled and some twice, and every peer must end with the same notebook, records
 * and registry.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { registryState } from '@/lib/experiments/registry';
import { createRng } from '@/lib/ml/rng';
import { addCell, cellText, deleteCell, moveCell, readCells, writeCellConfig } from './project-doc';
import { readRecords, writeRecords } from './records-doc';
import { appendRegistryEvent, readRegistryEvents } from './registry-doc';

const PEERS = 5;
const ROUNDS = 40;

function randomEdit(doc: Y.Doc, peer: number, step: number, random: () => number): void {
  const cells = readCells(doc);
  const pick = () => cells[Math.floor(random() * cells.length)]!;
  const roll = random();
  if (cells.length === 0 || roll < 0.2) addCell(doc, random() < 0.5 ? 'markdown' : 'code', Math.floor(random() * (cells.length + 1)));
  else if (roll < 0.5) {
    const text = cellText(doc, pick().id);
    if (text) text.insert(Math.floor(random() * (text.length + 1)), `p${peer}s${step} `);
  } else if (roll < 0.6) moveCell(doc, pick().id, Math.floor(random() * cells.length));
  else if (roll < 0.67) deleteCell(doc, pick().id);
  else if (roll < 0.8) writeCellConfig(doc, pick().id, { label: `label-${peer}-${step}` });
  else if (roll < 0.9) writeRecords(doc, 'experiments', [{ id: `e-${peer}-${step}`, projectId: 'p', number: 7, cellId: 'c', datasetHash: 'h', status: 'completed', config: {}, startedAt: step, startedBy: `peer ${peer}` }]);
  else appendRegistryEvent(doc, { id: `r-${peer}-${step}`, at: 1000 + step, by: `peer ${peer}`, action: 'promote', stage: 'production', modelId: `m-${peer}`, experimentId: `e-${peer}` });
}

function snapshot(doc: Y.Doc) {
  return {
    cells: readCells(doc),
    experiments: readRecords(doc, 'experiments').sort((a, b) => (a.id < b.id ? -1 : 1)),
    registry: registryState(readRegistryEvents(doc)),
  };
}

describe('peers editing offline converge in any order of delivery', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}`, () => {
      const rng = createRng(seed);
      const random = () => rng.next();
      const peers = Array.from({ length: PEERS }, () => new Y.Doc());
      // A common starting notebook, then everyone offline.
      addCell(peers[0]!, 'markdown');
      for (const p of peers.slice(1)) Y.applyUpdate(p, Y.encodeStateAsUpdate(peers[0]!));
      const updates: Uint8Array[][] = peers.map(() => []);
      peers.forEach((doc, i) => doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && updates[i]!.push(u)));
      for (let step = 0; step < ROUNDS; step++) peers.forEach((doc, i) => randomEdit(doc, i, step, random));
      // Reconnect: every peer gets every other peer's updates, shuffled, some twice.
      peers.forEach((doc, i) => {
        const incoming = updates.flatMap((list, j) => (j === i ? [] : list));
        const again = incoming.filter(() => random() < 0.2);
        const all = [...incoming, ...again];
        for (let k = all.length - 1; k > 0; k--) {
          const r = Math.floor(random() * (k + 1));
          [all[k], all[r]] = [all[r]!, all[k]!];
        }
        for (const u of all) Y.applyUpdate(doc, u, 'remote');
      });
      const first = snapshot(peers[0]!);
      for (const p of peers.slice(1)) expect(snapshot(p)).toEqual(first);
      expect(first.experiments.length).toBeGreaterThan(0);
    });
  }
});
