'use client';
import { useEffect, useRef } from 'react';

/**
 * Runs `run` when the notebook's run signal for a cell increments (Shift+Enter), and only then:
 * the effect reads the latest `run` through a ref, so a re-render never runs the cell again.
 */
export function useRunSignal(runSignal: number, run: () => void): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (runSignal > 0) runRef.current();
  }, [runSignal]);
}
