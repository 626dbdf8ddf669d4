/**
 * The WGSL kernel: one invocation per (node row, feature) adds the row's fixed-point statistics
 * (fixed-point.ts) at the feature's bin with global atomics. Global rather than workgroup-shared
 * atomics: 256 bins × features × channels do not fit in workgroup memory for wide tables, and on
 * SwiftShader the shared variant with barriers measured ~40× slower (BROWSER.md).
 */

/** Invocations per workgroup: the WebGPU default limit, so every adapter takes it. */
export const WORKGROUP_SIZE = 256;

/** Words of the uniform block below, padded to 16 bytes. */
export const PARAMS_WORDS = 8;

export const HISTOGRAM_WGSL = /* wgsl */ `
struct Params {
  // Invocations wanted: node rows × features.
  total: u32,
  cols: u32,
  words_per_row: u32,
  channels: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// Binned rows, four one-byte bins a word, little-endian as WebGPU buffers are.
@group(0) @binding(1) var<storage, read> bins: array<u32>;
// Where each feature's bins start, in histogram entries (the CPU layout's offsets).
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
// Per row and channel: (lo, hi) of a 64-bit two's-complement fixed-point value.
@group(0) @binding(3) var<storage, read> stats: array<u32>;
// The node's rows.
@group(0) @binding(4) var<storage, read> rows: array<u32>;
// Per entry: (lo, hi) of its 64-bit sum.
@group(0) @binding(5) var<storage, read_write> hist: array<atomic<u32>>;

fn add64(at: u32, lo: u32, hi: u32) {
  let old = atomicAdd(&hist[at], lo);
  // u32 addition wraps: the low word overflowed exactly when the result is below what was there.
  let carry = select(0u, 1u, old + lo < old);
  let high = hi + carry;
  // Small positive values have nothing to add to the high word.
  if (high != 0u) {
    atomicAdd(&hist[at + 1u], high);
  }
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  // Grid-stride: a dispatch is capped at the device's workgroup count per dimension.
  let stride = groups.x * ${WORKGROUP_SIZE}u;
  for (var i = id.x; i < params.total; i += stride) {
    let slot = i / params.cols;
    let f = i - slot * params.cols;
    let r = rows[slot];
    let word = bins[r * params.words_per_row + (f >> 2u)];
    let bin = (word >> ((f & 3u) * 8u)) & 0xffu;
    let entry = offsets[f] + bin * params.channels;
    let s = r * params.channels * 2u;
    for (var c = 0u; c < params.channels; c++) {
      add64((entry + c) * 2u, stats[s + 2u * c], stats[s + 2u * c + 1u]);
    }
  }
}
`;
