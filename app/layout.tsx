import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Loopbook',
  description: 'A local-first AutoML notebook: clean data in, trained model out, in a browser tab.',
};

export const viewport: Viewport = { themeColor: '#1f4b99' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
