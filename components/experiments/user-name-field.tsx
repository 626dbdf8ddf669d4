'use client';
import { useEffect, useState } from 'react';
import { ANONYMOUS, MAX_USER_NAME_LENGTH, useUserName } from '@/lib/react/use-user-name';

/** "Your name", kept for this browser: who started an experiment or promoted a model. */
export function UserNameField() {
  const [name, setName] = useUserName();
  const [draft, setDraft] = useState(name === ANONYMOUS ? '' : name);
  useEffect(() => setDraft(name === ANONYMOUS ? '' : name), [name]);
  return (
    <label className="row small">
      Your name
      <input
        type="text"
        aria-label="Your name"
        placeholder={ANONYMOUS}
        maxLength={MAX_USER_NAME_LENGTH}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft.trim() && setName(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft.trim()) setName(draft);
        }}
      />
    </label>
  );
}
