import { newEngine } from './engine.js';
import { checkHostMethods } from './host-methods.js';
import { checkSandboxLimits } from './limits.js';
import { QuickJsSandboxedApp } from './sandboxed-app.js';
import type { LoadAppOptions, SandboxedApp } from './types.js';

/**
 * Loads an app's bundle into a new engine module of its own and returns it once the bundle has
 * registered its handler. Rejects with a GenioError (`miniapp_*`, also written to `options.log`)
 * when the bundle fails, overruns a limit or does not register; the engine is then disposed.
 */
export async function loadSandboxedApp(options: LoadAppOptions): Promise<SandboxedApp> {
  checkSandboxLimits(options.limits);
  const methods = checkHostMethods(options.hostMethods);
  const app = new QuickJsSandboxedApp(await newEngine(options.limits), options, methods);
  try {
    app.install(options.bundle);
  } catch (error) {
    app.dispose();
    throw error;
  }
  return app;
}
