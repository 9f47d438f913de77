// What the SDK's declaration build sees of the hub's sandbox (tsconfig.build.json maps the import here);
// the JavaScript build bundles the sandbox itself, so a packed SDK runs the same engine as the hub.
import type { EngineApp, EngineOptions } from './engine.js';

export declare function loadSandboxedApp(options: EngineOptions): Promise<EngineApp>;
