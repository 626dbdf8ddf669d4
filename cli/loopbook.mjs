#!/usr/bin/env node
// The `loopbook` command: runs cli/main.ts through tsx, so the CLI uses lib/ as it is, unbuilt.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
