import { describe, expect, it } from 'vitest';
import { createRoomSecrets, formatShareLink, readSecretOf, isRoomToken, parseShareFragment, proofVerifier, roomProof, roomVerifiers, rotateRoomSecrets } from './share-link';

describe('share links', () => {
  it('makes random 128-bit room ids and secrets, different each time, and derives the read secret', async () => {
    const a = createRoomSecrets();
    const b = createRoomSecrets();
    const [readA, readB] = [await readSecretOf(a), await readSecretOf(b)];
    for (const token of [a.roomId, a.editSecret, readA]) expect(isRoomToken(token)).toBe(true);
    expect(new Set([a.roomId, a.editSecret, readA, b.roomId, b.editSecret, readB]).size).toBe(6);
    expect(await readSecretOf(a)).toBe(readA);
    expect(await readSecretOf({ roomId: b.roomId, editSecret: a.editSecret })).not.toBe(readA);
  });

  it('keeps the room and secret in the fragment, and reads them back', async () => {
    const room = createRoomSecrets();
    const readSecret = await readSecretOf(room);
    const edit = new URL(formatShareLink('http://localhost:3000/', '01JABCDEFGHJKMNPQRSTVWXYZ0', room.roomId, room.editSecret, 'edit'));
    expect(edit.pathname).toBe('/p/01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(edit.search).toBe('');
    expect(`${edit.origin}${edit.pathname}`).not.toContain(room.editSecret);
    expect(parseShareFragment(edit.hash)).toEqual({ roomId: room.roomId, secret: room.editSecret, access: 'edit' });
    const read = new URL(formatShareLink('http://localhost:3000', 'p1', room.roomId, readSecret, 'read'));
    expect(parseShareFragment(read.hash)).toEqual({ roomId: room.roomId, secret: readSecret, access: 'read' });
  });

  it('says what is wrong with a damaged fragment, and ignores one with no room', () => {
    expect(parseShareFragment('')).toBeNull();
    expect(parseShareFragment('#cell=3')).toBeNull();
    for (const bad of ['#room=', '#room=abc,def', `#room=${'a'.repeat(22)}`, `#room=${'a'.repeat(22)},${'b'.repeat(21)}`, `#room=${'a'.repeat(22)},${'b'.repeat(22)},write`, `#room=${'a'.repeat(22)},${'b'.repeat(22)},read,x`]) {
      expect(parseShareFragment(bad)).toEqual({ error: expect.stringContaining('damaged') });
    }
  });

  it('proves a secret with a hash bound to the room, and verifies with a hash of that', async () => {
    const room = createRoomSecrets();
    const proof = await roomProof(room.roomId, room.editSecret);
    expect(proof).toMatch(/^[0-9a-f]{64}$/);
    expect(proof).not.toContain(room.editSecret);
    expect(await roomProof(room.roomId, room.editSecret)).toBe(proof);
    expect(await roomProof(createRoomSecrets().roomId, room.editSecret)).not.toBe(proof);
    const verifiers = await roomVerifiers(room);
    expect(verifiers.edit).toBe(await proofVerifier(proof));
    expect(verifiers.read).toBe(await proofVerifier(await roomProof(room.roomId, await readSecretOf(room))));
    expect(verifiers.edit).not.toBe(proof);
  });

  it('rotates both secrets and keeps the room', async () => {
    const room = createRoomSecrets();
    const rotated = rotateRoomSecrets(room);
    expect(rotated.roomId).toBe(room.roomId);
    expect(rotated.editSecret).not.toBe(room.editSecret);
    expect(await readSecretOf(rotated)).not.toBe(await readSecretOf(room));
  });
});
