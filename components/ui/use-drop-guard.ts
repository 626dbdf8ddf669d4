'use client';
import { useEffect } from 'react';

/**
 * While mounted, a file dropped outside a `.dropzone` does nothing, instead of making the browser
 * leave the page to open it.
 */
export function useDropGuard(): void {
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (!(e.target instanceof Element && e.target.closest('.dropzone'))) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}
