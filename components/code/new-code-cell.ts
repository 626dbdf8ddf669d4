import type * as Y from 'yjs';
import { CODE_CONFIG_TEMPLATE, CODE_TEMPLATE } from '@/lib/code/template';
import type { CellId } from '@/lib/ids';
import { trustCode } from '@/lib/store/code-trust';
import { addCell, cellText, writeCellConfig } from '@/lib/sync/project-doc';

/** Adds a code cell holding the template, which this browser wrote and so trusts. */
export function addCodeCell(doc: Y.Doc, index?: number): CellId {
  const id = addCell(doc, 'code', index);
  doc.transact(() => {
    cellText(doc, id)?.insert(0, CODE_TEMPLATE);
    writeCellConfig(doc, id, { language: 'javascript', codeConfig: CODE_CONFIG_TEMPLATE });
  });
  void trustCode(id, CODE_TEMPLATE);
  return id;
}
