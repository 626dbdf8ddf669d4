/**
 * `npm start`'s process: the built app and the sync relay on one port (DESIGN.md §9), with the
 * settings of config.ts. LOOPBOOK_RELAY_ONLY=1 leaves the app out (a relay behind a load
 * balancer, and the tests that kill one). SIGINT / SIGTERM store every open document first.
 */
import type { ServerConfig } from './config';
import { readServerConfig } from './config';
import { shareRoomsThroughRedis } from './relay/redis';
import { startServer, type AppHandler } from './server';

export async function main(root: string): Promise<void> {
  const config = readServerConfig(process.env, root);
  const app = process.env.LOOPBOOK_RELAY_ONLY === '1' ? undefined : await nextApp(root, config);
  const shared = config.redisUrl ? await shareRoomsThroughRedis(config.redisUrl) : undefined;
  const started = await startServer(config, { app, shared });
  console.log(`Loopbook on ${started.origin}${app ? '' : ' (relay only)'}: sync relay at /sync, data in ${config.dataDir}${config.redisUrl ? ', rooms shared through Redis' : ''}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: storing open documents and stopping…`);
    void started.close().then(() => process.exit(0), (error: unknown) => {
      console.error('Stopping failed:', error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Next's request handler for the built app in `root`. */
async function nextApp(root: string, config: ServerConfig): Promise<AppHandler> {
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (request, response) => handle(request, response);
}
