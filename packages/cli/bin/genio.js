#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the CLI works straight after `npm install` with no build step.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
registerHooks('./source-conditions.js', import.meta.url);
const { main } = await import('../src/main.ts');
// Exit explicitly: a command is done when main returns, whatever handles a library left open.
process.exit(await main(process.argv.slice(2)));
