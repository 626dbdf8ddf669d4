/** Types for spawn-loopbook.mjs. */
import type { ChildProcess } from 'node:child_process';
export function spawnLoopbook(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }>;
