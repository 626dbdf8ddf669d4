import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { UpdatePrompt } from '@/components/offline/update-prompt';
import './globals.css';

export const metadata: Metadata = {
  title: 'Loopbook',
  description: 'A local-first AutoML notebook: clean data in, trained model out, in a browser tab.',
  // public/: the manifest makes the app installable; the service worker (public/sw.js) makes it work offline.
  manifest: '/manifest.webmanifest',
  icons: { icon: '/icons/icon.svg', apple: '/icons/apple-touch-icon.png' },
  appleWebApp: { capable: true, title: 'Loopbook', statusBarStyle: 'default' },
};

export const viewport: Viewport = { themeColor: '#1f4b99' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <UpdatePrompt />
      </body>
    </html>
  );
}
