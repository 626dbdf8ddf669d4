import Link from 'next/link';
import type { ReactNode } from 'react';

export function TopBar({ children }: { readonly children?: ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        Loopbook
      </Link>
      {children}
      <span className="spacer" />
      <span className="muted small">Local-first: your data stays in this browser.</span>
    </header>
  );
}
