/**
 * One QuickJS engine per app: its own WebAssembly instance over its own fixed-size memory, so an
 * app can never grow past `memoryBytes` (QuickJS's `setMemoryLimit` alone does not cap host memory,
 * quickjs-emscripten issue #255) and a broken engine is thrown away whole.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  type QuickJSContext,
  type QuickJSRuntime,
  QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import { MIN_MEMORY_BYTES, WASM_PAGE_BYTES } from './limits.js';
import type { SandboxLimits } from './types.js';

// The project's TypeScript libs carry no WebAssembly declarations; these are the calls used.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  readonly exports: object;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Instance: new (module: object, imports: object) => WasmInstance;
  compile(bytes: Uint8Array): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A fresh runtime and its one context, inside a module no other app shares. */
export interface Engine {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  memory: WasmMemory;
}

type ModuleLoader = (options: {
  wasmMemory: WasmMemory;
  instantiateWasm: (imports: object, onSuccess: (instance: WasmInstance) => void) => object;
}) => Promise<object>;
type FfiClass = new (module: never) => unknown;
type ModuleClass = new (module: unknown, ffi: unknown) => QuickJSWASMModule;

interface EngineParts {
  wasmModule: object;
  loader: ModuleLoader;
  Ffi: FfiClass;
}

/** An ES module's default export, however many times the bundler wrapped it. */
function unwrapDefault<T>(value: unknown): T {
  let current = value;
  while (current && typeof current === 'object' && 'default' in current && current.default)
    current = current.default;
  return current as T;
}

// Exercises the engine's common paths once: V8 compiles WebAssembly functions lazily, on first call,
// and that compilation (shared by every later instance) must not be billed to the first app's CPU budget.
const warmUp = `
  const data = JSON.parse(JSON.stringify({ list: [1, 2, 3], text: 'warm', nested: { ok: true } }));
  const words = 'a,b,c'.split(',').map((w) => w.toUpperCase()).join(' ');
  class Counter { #n = 0; add() { return ++this.#n; } }
  const counter = new Counter();
  for (let i = 0; i < 2000; i++) counter.add();
  const found = /w(a)rm/.exec(data.text);
  (async () => { await Promise.resolve(words); try { throw new TypeError('x'); } catch (e) { return e.message; } })();
  new Map([[1, 2]]).get(1) + [...new Set([1, 2])].length + String(found) + Object.keys(data).length;
`;

let parts: Promise<EngineParts> | undefined;

/**
 * The engine's code is compiled and its JavaScript glue imported once per process; each app then
 * gets only a new instance and memory (newQuickJSWASMModuleFromVariant would re-import the glue
 * for every module, which costs more than the instance itself).
 */
function engineParts(): Promise<EngineParts> {
  parts ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    const [wasmModule, loader, Ffi] = await Promise.all([
      readFile(path).then((bytes) => wasm.compile(bytes)),
      RELEASE_SYNC.importModuleLoader().then((imported) => unwrapDefault<ModuleLoader>(imported)),
      RELEASE_SYNC.importFFI().then((imported) => unwrapDefault<FfiClass>(imported)),
    ]);
    const loaded = { wasmModule, loader, Ffi };
    const { runtime } = await instantiate(loaded, MIN_MEMORY_BYTES * 2);
    const context = runtime.newContext();
    const result = context.evalCode(warmUp, 'warm-up.js');
    (result.error ?? result.value).dispose();
    runtime.executePendingJobs(-1);
    context.dispose();
    runtime.dispose();
    return loaded;
  })();
  // A failed start (file missing, out of memory) is not remembered: the next load tries again.
  parts.catch(() => {
    parts = undefined;
  });
  return parts;
}

async function instantiate(engine: EngineParts, memoryBytes: number) {
  const pages = memoryBytes / WASM_PAGE_BYTES;
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  const emscripten = (await engine.loader({
    wasmMemory: memory,
    instantiateWasm: (imports, onSuccess) => {
      const instance = new wasm.Instance(engine.wasmModule, imports);
      onSuccess(instance);
      return instance.exports;
    },
  })) as { type?: string };
  emscripten.type = 'sync';
  const module = new (QuickJSWASMModule as unknown as ModuleClass)(
    emscripten,
    new engine.Ffi(emscripten as never),
  );
  return { runtime: module.newRuntime(), memory };
}

/** Instantiates a new engine module whose whole address space is `limits.memoryBytes`. */
export async function newEngine(limits: SandboxLimits): Promise<Engine> {
  const { runtime, memory } = await instantiate(await engineParts(), limits.memoryBytes);
  // Kept below the fixed memory so QuickJS usually fails an allocation itself (a catchable
  // "out of memory") before the module's allocator runs dry and traps.
  runtime.setMemoryLimit(Math.floor(limits.memoryBytes * 0.75));
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setModuleLoader(() => ({ error: new Error('modules are not available to a mini-app') }));
  const context = runtime.newContext();
  return { runtime, context, memory };
}
