import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Keep Turbopack rooted here even if a package-lock.json sits in a parent folder.
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
  // Every share link opens the one static join page (lib/offline/app-shell.ts serves it offline).
  async rewrites() {
    return [{ source: '/p/:projectId', destination: '/p' }];
  },
};

export default nextConfig;
