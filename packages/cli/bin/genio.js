#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the CLI works straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
// Exit explicitly: a command is done when main returns, whatever handles a library left open.
process.exit(await main(process.argv.slice(2)));
