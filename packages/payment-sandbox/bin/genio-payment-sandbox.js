#!/usr/bin/env node
// Runs the TypeScript sources through tsx, like the genio CLI, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
