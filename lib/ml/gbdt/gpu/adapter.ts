/**
 * The WebGPU adapter this browser would give, described for people: for the experiment's
 * notices, the backend choice and the diagnostics page. Runs in a page, a worker and Node (where
 * there is none); `navigator.gpu` is read only when called.
 */

export type WebGpuAdapter =
  | {
      readonly type: 'adapter';
      /** "vendor architecture device (description)", and "[fallback adapter]" for a software one. */
      readonly description: string;
      /** A software adapter (SwiftShader): correct but slow. */
      readonly fallback: boolean;
    }
  | { readonly type: 'none'; readonly reason: string };

/**
 * Typed structurally: `adapter.info` and where `isFallbackAdapter` lives changed between browser
 * versions, and each field may be missing.
 */
export async function readGpuAdapter(): Promise<WebGpuAdapter> {
  const nav: unknown = (globalThis as { navigator?: unknown }).navigator;
  const gpu = isObject(nav) ? nav.gpu : undefined;
  if (!isObject(gpu) || typeof gpu.requestAdapter !== 'function') return { type: 'none', reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const adapter: unknown = await (gpu.requestAdapter as () => Promise<unknown>).call(gpu);
    if (!isObject(adapter)) return { type: 'none', reason: 'WebGPU found no adapter (none, or one that is blocked, on this device)' };
    const info = isObject(adapter.info) ? adapter.info : {};
    const text = (key: string): string => {
      const value = info[key];
      return typeof value === 'string' ? value : '';
    };
    const parts = [text('vendor'), text('architecture'), text('device')].filter((s) => s !== '');
    const description = text('description');
    if (description !== '') parts.push(`(${description})`);
    const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
    if (fallback) parts.push('[fallback adapter]');
    return { type: 'adapter', description: parts.length > 0 ? parts.join(' ') : 'unnamed adapter', fallback };
  } catch (e) {
    return { type: 'none', reason: `asking WebGPU for an adapter failed (${e instanceof Error ? e.message : String(e)})` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
