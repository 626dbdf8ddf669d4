/** Types for copy-tfjs-wasm.mjs. */
export const TFJS_WASM_FILES: string[];
export function copyTfjsWasm(): string[];
