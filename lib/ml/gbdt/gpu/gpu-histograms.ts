/// <reference types="@webgpu/types" />
/**
 * Tree histograms on WebGPU: per fit the binned rows go to the GPU once, per tree the rows'
 * statistics (as fixed point), per node its row list; the kernel sums each (feature, bin)'s
 * statistics and the sums come back converted into the CPU kernels' layout, so the split finder
 * does not know where a histogram was built.
 *
 * `navigator.gpu` is touched only inside `requestGpuDevice`; importing this module is safe in Node.
 *
 * @example
 * const device = await requestGpuDevice();
 * const histograms = await createGpuHistograms(device, 'nvidia ampere');
 * await gbdtLearner.fit(train, params, { seed: 1, histograms });
 */
import type { BinnedMatrix } from '../bins';
import { GPU_MIN_ROWS } from '../flags';
import type { HistogramLayout } from '../histogram';
import { decodeHistogram, encodeStats } from './fixed-point';
import { HISTOGRAM_WGSL, PARAMS_WORDS, WORKGROUP_SIZE } from './histogram-kernel';
import type { HistogramDevice, HistogramSession } from './histogram-device';

/** The kernel's index arithmetic is u32 and its grid-stride loop must not wrap: rows × features stays below this. */
const MAX_INVOCATIONS = 2 ** 31;

/** One compiled kernel per device, shared by every fit (compiling costs tens of milliseconds). */
const pipelines = new WeakMap<GPUDevice, Promise<GPUComputePipeline>>();

/**
 * A GPUDevice of the default adapter with its storage limits raised to the adapter's, so that
 * large tables fit; undefined where WebGPU or an adapter is missing.
 */
export async function requestGpuDevice(): Promise<GPUDevice | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return undefined;
  return adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
}

/** A histogram device on `device`; `adapter` names it in notices. */
export async function createGpuHistograms(device: GPUDevice, adapter: string, minRows = GPU_MIN_ROWS): Promise<GpuHistograms> {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    pipeline = device.createComputePipelineAsync({ layout: 'auto', compute: { module: device.createShaderModule({ code: HISTOGRAM_WGSL }), entryPoint: 'main' } });
    pipelines.set(device, pipeline);
  }
  return new GpuHistograms(device, await pipeline, adapter, minRows);
}

/** Counts what it did, for the experiment's notices. */
export class GpuHistograms implements HistogramDevice {
  /** Tree fits that were offered the GPU, and node histograms built there. */
  fits = 0;
  builds = 0;
  /** Fits whose rows were more than the device's buffers hold. */
  tooLarge = 0;
  /** Why the GPU stopped building (a lost device, a failed read-back); the rest went to the CPU. */
  failure: string | undefined;

  constructor(
    readonly device: GPUDevice,
    private readonly pipeline: GPUComputePipeline,
    readonly adapter: string,
    readonly minRows: number,
  ) {}

  open(binned: BinnedMatrix, layout: HistogramLayout): HistogramSession | undefined {
    this.fits++;
    // Too few rows for any node to reach minRows: not worth sending them.
    if (this.failure !== undefined || binned.rows < this.minRows) return undefined;
    const { limits } = this.device;
    const largest = Math.max(binned.bins.byteLength, binned.rows * layout.channels * 8, layout.size * 8);
    if (largest > limits.maxStorageBufferBindingSize || largest > limits.maxBufferSize || binned.rows * binned.cols >= MAX_INVOCATIONS) {
      this.tooLarge++;
      return undefined;
    }
    return new GpuHistogramSession(this, this.pipeline, binned, layout);
  }
}

class GpuHistogramSession implements HistogramSession {
  private readonly device: GPUDevice;
  private readonly buffers: GPUBuffer[] = [];
  private readonly params: GPUBuffer;
  private readonly rows: GPUBuffer;
  private readonly stats: GPUBuffer;
  private readonly hist: GPUBuffer;
  private readonly readback: GPUBuffer;
  private readonly bindGroup: GPUBindGroup;
  private readonly encoded: Uint32Array;
  /** Errors of creating the buffers (out of memory): WebGPU reports them later, not by throwing. */
  private readonly created: Promise<GPUError | null>;
  private readonly cols: number;
  private readonly wordsPerRow: number;
  private units: Float64Array | undefined;

  constructor(
    private readonly owner: GpuHistograms,
    private readonly pipeline: GPUComputePipeline,
    binned: BinnedMatrix,
    private readonly layout: HistogramLayout,
  ) {
    this.device = owner.device;
    this.cols = binned.cols;
    this.wordsPerRow = binned.stride >>> 2;
    const scope = openErrorScope(this.device);
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    // Zero-sized bindings are invalid: every buffer holds at least one word.
    const words = (n: number) => Math.max(4, n * 4);
    const bins = this.buffer(binned.bins.byteLength, storage);
    this.device.queue.writeBuffer(bins, 0, binned.bins);
    const offsets = this.buffer(words(binned.cols), storage);
    this.device.queue.writeBuffer(offsets, 0, Uint32Array.from(layout.offsets.subarray(0, binned.cols)));
    this.encoded = new Uint32Array(binned.rows * layout.channels * 2);
    this.stats = this.buffer(words(this.encoded.length), storage);
    this.rows = this.buffer(words(binned.rows), storage);
    this.params = this.buffer(PARAMS_WORDS * 4, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.hist = this.buffer(words(layout.size * 2), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.readback = this.buffer(words(layout.size * 2), GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    this.bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [this.params, bins, offsets, this.stats, this.rows, this.hist].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    this.created = scope();
  }

  setStats(stats: Float64Array, terms: number): boolean {
    this.units = encodeStats(stats, this.layout.channels, terms, this.encoded);
    if (this.units) this.device.queue.writeBuffer(this.stats, 0, this.encoded);
    return this.units !== undefined;
  }

  async build(rows: Uint32Array, start: number, end: number, hist: Float64Array): Promise<boolean> {
    const units = this.units;
    if (!units || this.owner.failure !== undefined) return false;
    const { device } = this;
    const count = end - start;
    const total = count * this.cols;
    const scope = openErrorScope(device);
    device.queue.writeBuffer(this.rows, 0, rows, start, count);
    device.queue.writeBuffer(this.params, 0, Uint32Array.of(total, this.cols, this.wordsPerRow, this.layout.channels, 0, 0, 0, 0));
    const encoder = device.createCommandEncoder();
    encoder.clearBuffer(this.hist);
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(Math.max(1, Math.min(Math.ceil(total / WORKGROUP_SIZE), device.limits.maxComputeWorkgroupsPerDimension)));
    pass.end();
    encoder.copyBufferToBuffer(this.hist, 0, this.readback, 0, this.hist.size);
    device.queue.submit([encoder.finish()]);
    const errors = Promise.all([this.created, scope()]);
    try {
      await this.readback.mapAsync(GPUMapMode.READ);
    } catch (e) {
      this.owner.failure = `the GPU read-back failed (${e instanceof Error ? e.message : String(e)})`;
      return false;
    }
    // A failed command reads back zeros rather than throwing: its scope is what tells.
    const error = (await errors).find((e) => e !== null);
    if (error) {
      this.readback.unmap();
      this.owner.failure = `a GPU command failed (${error.message})`;
      return false;
    }
    decodeHistogram(new Uint32Array(this.readback.getMappedRange(), 0, this.layout.size * 2), units, this.layout.channels, hist);
    this.readback.unmap();
    this.owner.builds++;
    return true;
  }

  dispose(): void {
    for (const b of this.buffers) b.destroy();
    this.buffers.length = 0;
  }

  private buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const buffer = this.device.createBuffer({ size, usage });
    this.buffers.push(buffer);
    return buffer;
  }
}

/**
 * Catches the validation and out-of-memory errors of the calls made until the returned function
 * is called (synchronously, so that no other user of the device gets in between).
 */
function openErrorScope(device: GPUDevice): () => Promise<GPUError | null> {
  device.pushErrorScope('validation');
  device.pushErrorScope('out-of-memory');
  return () => {
    const outOfMemory = device.popErrorScope();
    const validation = device.popErrorScope();
    return Promise.all([outOfMemory, validation]).then(([a, b]) => a ?? b);
  };
}
