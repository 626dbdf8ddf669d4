import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, mapThroughDelta } from './use-y-text';

function applyDiff(before: string, after: string): string {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  const { start, removed, inserted } = diffText(before, after);
  text.delete(start, removed);
  text.insert(start, inserted);
  return text.toString();
}

describe('diffText', () => {
  it('turns any text into any other with one edit', () => {
    const cases = [
      ['', 'hello'],
      ['hello', ''],
      ['hello world', 'hello brave world'],
      ['aaaa', 'aa'],
      ['# Title\nbody', '# Title\n\nbody!'],
      ['abc', 'xbz'],
    ] as const;
    for (const [before, after] of cases) expect(applyDiff(before, after)).toBe(after);
  });

  it('keeps a concurrent edit by a peer elsewhere in the text', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'one two three');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const edit = diffText('one two three', 'one 2 three');
    a.getText('t').delete(edit.start, edit.removed);
    a.getText('t').insert(edit.start, edit.inserted);
    b.getText('t').insert(13, '!');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('one 2 three!');
    expect(b.getText('t').toString()).toBe('one 2 three!');
  });
});

describe('mapThroughDelta', () => {
  /** The caret at `pos` of `before`, after a peer turns the text into what `edit` makes of it. */
  function caretAfter(before: string, pos: number, edit: (t: Y.Text) => void): [string, number] {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, before);
    let mapped = pos;
    text.observe((event) => (mapped = mapThroughDelta(pos, event.delta)));
    edit(text);
    return [text.toString(), mapped];
  }

  it('moves the caret with text inserted or deleted before it, not after it', () => {
    expect(caretAfter('hello world', 6, (t) => t.insert(0, '>> '))).toEqual(['>> hello world', 9]);
    expect(caretAfter('hello world', 6, (t) => t.insert(11, '!'))).toEqual(['hello world!', 6]);
    expect(caretAfter('hello world', 6, (t) => t.delete(0, 6))).toEqual(['world', 0]);
    expect(caretAfter('hello world', 8, (t) => t.delete(4, 3))).toEqual(['hellorld', 5]);
    expect(caretAfter('hello world', 6, (t) => t.insert(6, 'big '))).toEqual(['hello big world', 6]);
  });
});
