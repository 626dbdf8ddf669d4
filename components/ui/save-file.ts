/**
 * Saves a file the user asked for: the browser's save dialog (File System Access,
 * `showSaveFilePicker`) where it has one, a download of a blob URL otherwise. A generic primitive:
 * imports nothing from the domain.
 *
 * The dialog needs the click's user activation (Chromium gives about 5 s): call this from the
 * click handler with the bytes at hand or a quick read away, not after long work.
 *
 * @example
 * const outcome = await saveFile('penguins-exp-003.model.zip', blob, 'Loopbook model');
 * if (outcome === 'canceled') return; // the user closed the dialog: say nothing
 */

export type SaveOutcome = 'saved' | 'downloaded' | 'canceled';

/** The part of the File System Access API this uses (TypeScript's DOM types do not have it yet). */
interface SaveFilePickerOptions {
  readonly suggestedName?: string;
  readonly types?: readonly { readonly description?: string; readonly accept: Record<string, readonly string[]> }[];
}
interface WritableFile {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
interface SaveFileHandle {
  createWritable(): Promise<WritableFile>;
}
type WindowWithPicker = Window & { showSaveFilePicker(options?: SaveFilePickerOptions): Promise<SaveFileHandle> };

/** How long a download's blob URL lives: revoking at once can cancel the download in some browsers. */
const REVOKE_AFTER_MS = 60_000;

export async function saveFile(suggestedName: string, data: Blob, description?: string): Promise<SaveOutcome> {
  // Checked with `in`: a page (or a test) that deletes the property gets the download.
  if (typeof window !== 'undefined' && hasSavePicker(window)) {
    let handle: SaveFileHandle | undefined;
    try {
      handle = await window.showSaveFilePicker({ suggestedName, ...acceptTypes(suggestedName, data, description) });
    } catch (error) {
      if (isAbort(error)) return 'canceled';
      // No user activation left, or the dialog is blocked here (an iframe, a policy): download instead.
    }
    if (handle) {
      const writable = await handle.createWritable();
      try {
        await writable.write(data);
        await writable.close();
      } catch (error) {
        await writable.abort?.().catch(() => undefined);
        throw error;
      }
      return 'saved';
    }
  }
  download(suggestedName, data);
  return 'downloaded';
}

function hasSavePicker(w: Window): w is WindowWithPicker {
  return 'showSaveFilePicker' in w && typeof w.showSaveFilePicker === 'function';
}

/** The dialog's file type, from the name's extension (".model.zip" → ".zip"). */
function acceptTypes(name: string, data: Blob, description: string | undefined): Pick<SaveFilePickerOptions, 'types'> {
  const extension = /\.[a-z0-9]+$/i.exec(name)?.[0];
  if (!extension) return {};
  return { types: [{ ...(description ? { description } : {}), accept: { [data.type || 'application/octet-stream']: [extension] } }] };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
