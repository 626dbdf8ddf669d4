/**
 * The device's backend calibration, kept so that 'auto' does not measure again on every run
 * (DESIGN.md §5). A record that no longer parses (an older app wrote it) reads as absent and is
 * measured again.
 */
import { z } from 'zod';
import { CALIBRATION_VERSION, type Calibration } from '@/lib/jobs/calibration';
import { db } from './db';

const timing = { webgpuMs: z.number().nonnegative().nullable() };
const calibrationSchema = z.object({
  version: z.literal(CALIBRATION_VERSION),
  device: z.string(),
  measuredAt: z.number(),
  webgpuSkipped: z.string().optional(),
  softwareAdapter: z.boolean().optional(),
  mlp: z.array(z.object({ batch: z.number().int().positive(), wasmMs: z.number().nonnegative().nullable(), ...timing })),
  trees: z.array(z.object({ rows: z.number().int().positive(), cpuMs: z.number().nonnegative(), ...timing })),
});

export async function readCalibration(device: string): Promise<Calibration | undefined> {
  const stored = await db.calibrations.get(device);
  const parsed = calibrationSchema.safeParse(stored?.calibration);
  return parsed.success ? parsed.data : undefined;
}

export async function saveCalibration(calibration: Calibration): Promise<void> {
  await db.calibrations.put({ device: calibration.device, calibration });
}

/** Every device's calibration, newest first (the diagnostics page lists them). */
export async function listCalibrations(): Promise<Calibration[]> {
  const all = await db.calibrations.toArray();
  return all.flatMap((s) => {
    const parsed = calibrationSchema.safeParse(s.calibration);
    return parsed.success ? [parsed.data] : [];
  }).sort((a, b) => b.measuredAt - a.measuredAt);
}
