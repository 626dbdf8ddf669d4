'use client';
import { LEARNER_NAMES, type LearnerName } from '@/lib/ml/types';

export const LEARNER_LABELS: Record<LearnerName, string> = {
  gbdt: 'Gradient-boosted trees',
  rf: 'Random forest',
  linear: 'Linear model',
  mlp: 'Neural network (MLP)',
};

/**
 * One checkbox per learner (train cell, project settings). `onChange` gets the new choice in the
 * learners' own order; unchecking the last one is ignored: a search needs a learner.
 */
export function LearnerChecks({ label, value, onChange }: { readonly label: string; readonly value: readonly LearnerName[]; readonly onChange: (learners: LearnerName[]) => void }) {
  return (
    <div className="train-learners" role="group" aria-label={label}>
      {LEARNER_NAMES.map((l) => (
        <label key={l} className="check">
          <input
            type="checkbox"
            checked={value.includes(l)}
            onChange={(e) => {
              const next = LEARNER_NAMES.filter((n) => (n === l ? e.target.checked : value.includes(n)));
              if (next.length > 0) onChange(next);
            }}
          />
          {LEARNER_LABELS[l]}
        </label>
      ))}
    </div>
  );
}
