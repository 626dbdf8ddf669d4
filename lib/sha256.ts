/** SHA-256 of bytes as lower-case hex (WebCrypto: Node 20, workers and every supported browser). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto wants a view over a plain ArrayBuffer; fflate's output may be typed as ArrayBufferLike.
  const view = bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
