/**
 * Checks on a zip before anything in it is inflated or trusted: its size, the number of entries,
 * their paths, and how large they claim to be once inflated (a zip bomb claims little and inflates
 * to gigabytes; fflate reports each entry's stated size before inflating it).
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';

export class BundleError extends Error {
  override name = 'BundleError';
}

export interface ZipLimits {
  readonly maxZipBytes: number;
  readonly maxEntries: number;
  readonly maxInflatedBytes: number;
}

/** A model of a few million parameters or trees is tens of MB; these leave room and stop abuse. */
export const MODEL_ZIP_LIMITS: ZipLimits = { maxZipBytes: 512 * 1024 * 1024, maxEntries: 2000, maxInflatedBytes: 1024 * 1024 * 1024 };

const ZIP_MAGIC = [0x50, 0x4b];

/** The entries of a zip, validated, as name → bytes. */
export function readZipEntries(bytes: Uint8Array, what: string, limits: ZipLimits): Map<string, Uint8Array> {
  if (bytes.length > limits.maxZipBytes) {
    throw new BundleError(`This ${what} is ${Math.round(bytes.length / 1e6)} MB, more than the ${Math.round(limits.maxZipBytes / 1e6)} MB allowed.`);
  }
  if (bytes.length < 22 || bytes[0] !== ZIP_MAGIC[0] || bytes[1] !== ZIP_MAGIC[1]) {
    throw new BundleError(`This file is not a zip archive, so it cannot be a ${what}. Choose the .zip file that Loopbook exported.`);
  }
  let entries = 0;
  let inflated = 0;
  const problems: string[] = [];
  const check = (file: UnzipFileInfo): boolean => {
    entries++;
    inflated += file.originalSize;
    if (!isSafePath(file.name)) problems.push(`unsafe path "${file.name}"`);
    return entries <= limits.maxEntries && inflated <= limits.maxInflatedBytes && problems.length === 0;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: check });
  } catch (error) {
    throw new BundleError(`This ${what} is damaged and cannot be read (${error instanceof Error ? error.message : String(error)}). Export it again.`);
  }
  if (problems.length > 0) throw new BundleError(`This ${what} was refused: ${problems.slice(0, 3).join(', ')}.`);
  if (entries > limits.maxEntries) throw new BundleError(`This ${what} has more than ${limits.maxEntries} files; a Loopbook export never does.`);
  if (inflated > limits.maxInflatedBytes) {
    throw new BundleError(`This ${what} would inflate to more than ${Math.round(limits.maxInflatedBytes / 1e6)} MB; it was refused.`);
  }
  return new Map(Object.entries(files).filter(([name]) => !name.endsWith('/')));
}

/** Relative, forward-slashed, no "..", no drive letters or absolute roots. */
export function isSafePath(name: string): boolean {
  if (name.length === 0 || name.length > 512) return false;
  if (name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.');
}
