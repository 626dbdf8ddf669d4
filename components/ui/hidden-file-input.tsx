'use client';
import type { RefObject } from 'react';

interface HiddenFileInputProps {
  /** The page's own button opens the picker with `inputRef.current?.click()`. */
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly label: string;
  readonly accept: string;
  readonly multiple?: boolean;
  /** The chosen files (none when the picker was closed without a choice). */
  readonly onFiles: (files: File[]) => void;
}

/**
 * A file input that a visible button opens. It clears itself after each choice, so that choosing
 * the same file again (after a refusal, say) is a new choice.
 */
export function HiddenFileInput({ inputRef, label, accept, multiple = false, onFiles }: HiddenFileInputProps) {
  return (
    <input
      ref={inputRef}
      type="file"
      aria-label={label}
      accept={accept}
      multiple={multiple}
      hidden
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = '';
        onFiles(files);
      }}
    />
  );
}
