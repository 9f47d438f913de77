/**
 * One app in its own QuickJS engine. Invariants: guest code runs only inside `#slice` (which arms
 * the CPU deadline); nothing but strings crosses out of the engine (JSON text, bounded in size
 * before it is copied); a host call reaches the HostBridge only with a name from the app's list;
 * an engine that timed out, ran out of memory or trapped is disposed and never used again.
 *
 * Where it runs: on the hub's main thread, by measurement (`npm run bench -- miniapps`). The sync
 * engine blocks the event loop while guest code runs, and the CPU budget (thread CPU time, checked
 * by the interrupt handler and between batches of promise jobs) bounds that: a runaway loop, promise
 * storm or regex backtracking is stopped after 51-54 ms of CPU, a memory bomb after 75-84 ms (its
 * allocations run between two interrupt polls). On an idle machine the event-loop stall should be
 * about that CPU time, under the ~100 ms goal (inferred: every run so far was on a machine at load
 * 13-20 on 2 cores, where the stall was 3-5x the CPU time, as for any work on the main thread). A worker thread would
 * cost a message hop on every host call and an extra isolate, for a stall the budget already bounds;
 * lowering cpuMsPerEvent is the lever if the stall must shrink.
 */
import type { QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten';
import { type GenioError, isGenioError } from '../../errors/index.js';
import { type CpuClock, threadCpuClock } from './cpu-clock.js';
import type { Engine } from './engine.js';
import {
  classifyEngineFault,
  classifyGuestError,
  type GuestErrorDescription,
  type SandboxFailure,
  sandboxFailure,
} from './failures.js';
import { guestPrelude } from './guest-prelude.js';
import type {
  HostBridge,
  JsonValue,
  LoadAppOptions,
  SandboxedApp,
  SandboxLimits,
  SandboxLogEntry,
} from './types.js';
import { describeVmError, newCodedError, readBoundedString, TEXT_CHARS } from './vm-values.js';

/** Promise jobs run between two checks of the CPU budget by the host. */
const JOBS_PER_BUDGET_CHECK = 64;

/** Console lines one event (or the bundle's load) may write before the rest is dropped. */
export const LOG_LINES_PER_EVENT = 100;

/** Thrown inside the sandbox's own code to carry a classified failure to the edge of `handle`. */
class SandboxFault extends Error {
  constructor(readonly failure: SandboxFailure) {
    super(failure.error.message);
  }
}

/** CPU accounting for one event (or the load): the thread's CPU time spent inside the engine. */
interface Budget {
  limitMs: number;
  usedMs: number;
  /** Thread CPU time (ms) after which the interrupt handler stops the guest; -Infinity outside a slice. */
  sliceCpuDeadline: number;
  /** performance.now() before which the slice cannot have spent its CPU yet (asking costs a syscall). */
  sliceCheckFrom: number;
  /** performance.now() after which the event is over whatever the CPU says. */
  wallDeadline: number;
  interrupted: 'cpu' | 'wall' | undefined;
  /** A failure decided on the host side (too many host calls, ...); the guest is interrupted at once. */
  abort?: SandboxFailure;
}

/** This thread's CPU clock; apps run on the thread that loaded them. */
let cpuClock: CpuClock | undefined;
function cpuNowMs(): number {
  cpuClock ??= threadCpuClock();
  return cpuClock();
}

interface EventRun {
  id: number;
  bridge: HostBridge;
  budget: Budget;
  hostCalls: number;
  inFlight: Set<QuickJSDeferredPromise>;
  wake?: () => void;
}

const levels = new Set<SandboxLogEntry['level']>(['debug', 'info', 'warn', 'error']);

function newBudget(limits: SandboxLimits): Budget {
  return {
    limitMs: limits.cpuMsPerEvent,
    usedMs: 0,
    sliceCpuDeadline: Number.NEGATIVE_INFINITY,
    sliceCheckFrom: Number.NEGATIVE_INFINITY,
    wallDeadline: performance.now() + limits.wallMsPerEvent,
    interrupted: undefined,
  };
}

/** A SandboxedApp on a QuickJS engine; created by `loadSandboxedApp`. */
export class QuickJsSandboxedApp implements SandboxedApp {
  readonly #options: LoadAppOptions;
  readonly #methods: ReadonlySet<string>;
  #engine: Engine | undefined;
  #dispatch: QuickJSHandle | undefined;
  #registered: QuickJSHandle | undefined;
  #budget: Budget;
  #run: EventRun | undefined;
  #events = 0;
  #logLines = 0;
  #shielded = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(engine: Engine, options: LoadAppOptions, methods: ReadonlySet<string>) {
    this.#engine = engine;
    this.#options = options;
    this.#methods = methods;
    this.#budget = newBudget(options.limits);
    engine.runtime.setInterruptHandler(() => this.#shouldInterrupt());
  }

  get disposed(): boolean {
    return this.#engine === undefined;
  }

  /** Evaluates the prelude and the bundle under one event's CPU budget; the bundle must register. */
  install(bundle: string): void {
    try {
      const { context, runtime } = this.#alive();
      this.#budget = newBudget(this.#options.limits);
      this.#logLines = 0;
      const dispatcher = this.#slice(() => {
        const prelude = this.#unwrap(context.evalCode(guestPrelude, 'genio-prelude.js'));
        const hostCall = context.newFunction('hostCall', (id, method, args) =>
          this.#hostCall(id, method, args),
        );
        const hostLog = context.newFunction('hostLog', (level, text) => this.#hostLog(level, text));
        const methods = context.newString(JSON.stringify([...this.#methods]));
        const logChars = context.newNumber(TEXT_CHARS);
        try {
          return this.#unwrap(
            context.callFunction(prelude, context.undefined, hostCall, hostLog, methods, logChars),
          );
        } finally {
          for (const handle of [prelude, hostCall, hostLog, methods, logChars]) handle.dispose();
        }
      });
      this.#dispatch = context.getProp(dispatcher, 'dispatch');
      this.#registered = context.getProp(dispatcher, 'registered');
      dispatcher.dispose();

      this.#slice(() => this.#unwrap(context.evalCode(bundle, 'app.js')).dispose());
      while (runtime.hasPendingJob()) this.#slice(() => this.#drainJobs());
      if (this.#budget.abort) throw new SandboxFault(this.#budget.abort);
      const registered = this.#slice(() => {
        const result = this.#unwrap(context.callFunction(this.#registeredHandle(), context.undefined));
        const value = context.dump(result) === true;
        result.dispose();
        return value;
      });
      if (!registered) {
        throw new SandboxFault(
          sandboxFailure('miniapp_error', this.#options.limits, {
            fatal: true,
            reason: 'the bundle did not call genio.register',
          }),
        );
      }
    } catch (thrown) {
      throw this.#fail(thrown);
    } finally {
      this.#budget = newBudget(this.#options.limits);
    }
  }

  handle(event: JsonValue, host: HostBridge): Promise<JsonValue> {
    const result = this.#queue.then(() => this.#handleNow(event, host));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  dispose(): void {
    // Mid-event, handles of the running event are still held: drop the engine rather than free it.
    this.#release(this.#run === undefined);
  }

  /**
   * Drops the engine. `free` runs QuickJS's own teardown; an engine that failed (interrupted, out of
   * memory, trapped) is never called again, only dropped: its module and its whole memory go with it.
   */
  #release(free: boolean): void {
    const engine = this.#engine;
    if (!engine) return;
    this.#engine = undefined;
    if (free) {
      try {
        this.#dispatch?.dispose();
        this.#registered?.dispose();
        engine.context.dispose();
        engine.runtime.dispose();
      } catch {
        // Teardown of a healthy engine should not fail; if it does, dropping it frees the same memory.
      }
    }
    this.#dispatch = undefined;
    this.#registered = undefined;
    this.#run?.wake?.();
  }

  memoryUsed(): number {
    const engine = this.#engine;
    if (!engine) return 0;
    // Read one own data property rather than dump() the object: dump stringifies it in the engine,
    // where a guest's Object.prototype.toJSON would run outside any CPU budget.
    return this.#hostSide(() => {
      const usage = engine.runtime.computeMemoryUsage();
      const used = engine.context.getProp(usage, 'memory_used_size');
      try {
        return engine.context.typeof(used) === 'number' ? engine.context.getNumber(used) : 0;
      } finally {
        used.dispose();
        usage.dispose();
      }
    });
  }

  async #handleNow(event: JsonValue, bridge: HostBridge): Promise<JsonValue> {
    const limits = this.#options.limits;
    let promise: QuickJSHandle | undefined;
    const run: EventRun = {
      id: ++this.#events,
      bridge,
      budget: newBudget(limits),
      hostCalls: 0,
      inFlight: new Set(),
    };
    try {
      const { context, runtime } = this.#alive();
      const eventText = JSON.stringify(event ?? null);
      if (Buffer.byteLength(eventText) > limits.maxMessageBytes) {
        throw new SandboxFault(sandboxFailure('miniapp_too_large', limits, { fatal: false, what: 'event' }));
      }
      this.#run = run;
      this.#budget = run.budget;
      this.#logLines = 0;
      promise = this.#slice(() => {
        const text = context.newString(eventText);
        const id = context.newNumber(run.id);
        try {
          return this.#unwrap(context.callFunction(this.#dispatchHandle(), context.undefined, text, id));
        } finally {
          text.dispose();
          id.dispose();
        }
      });
      for (;;) {
        const settled = this.#slice(() => this.#settledResult(promise as QuickJSHandle));
        if (settled.done) return settled.value;
        if (runtime.hasPendingJob()) {
          this.#slice(() => this.#drainJobs());
          continue;
        }
        if (run.inFlight.size === 0) {
          throw new SandboxFault(
            sandboxFailure('miniapp_error', limits, {
              fatal: false,
              reason: 'the handler waits for something that can never happen',
            }),
          );
        }
        const woken = await this.#waitForHost(run, run.budget.wallDeadline);
        this.#alive();
        if (!woken) {
          throw new SandboxFault(sandboxFailure('miniapp_timeout', limits, { fatal: true, kind: 'wall' }));
        }
      }
    } catch (thrown) {
      throw this.#fail(thrown);
    } finally {
      if (this.#engine) {
        promise?.dispose();
        for (const deferred of run.inFlight) deferred.dispose();
      }
      run.inFlight.clear();
      if (this.#run === run) this.#run = undefined;
      this.#budget = newBudget(limits);
    }
  }

  /** Reads the dispatcher's promise: its JSON result, or its rejection as a failure. */
  #settledResult(promise: QuickJSHandle): { done: true; value: JsonValue } | { done: false } {
    const { context } = this.#alive();
    if (this.#budget.abort) throw new SandboxFault(this.#budget.abort);
    const state = context.getPromiseState(promise);
    if (state.type === 'pending') return { done: false };
    if (state.type === 'rejected') {
      const described = describeVmError(context, state.error);
      state.error.dispose();
      throw new SandboxFault(this.#failureFor(described));
    }
    if (state.notAPromise) throw new Error('the dispatcher did not return a promise');
    const limits = this.#options.limits;
    try {
      const read = readBoundedString(context, state.value, limits.maxMessageBytes);
      if (read === undefined) throw new Error('the dispatcher resolved with something else than text');
      const tooLarge = sandboxFailure('miniapp_too_large', limits, { fatal: false, what: 'result' });
      if ('tooLong' in read || Buffer.byteLength(read.text) > limits.maxMessageBytes)
        throw new SandboxFault(tooLarge);
      return { done: true, value: JSON.parse(read.text) as JsonValue };
    } finally {
      state.value.dispose();
    }
  }

  /**
   * Runs queued promise jobs in small batches, checking the budget between batches: QuickJS turns
   * an interrupt inside a promise reaction into a rejection and goes on with the next job, so the
   * interrupt handler alone would let a storm of short jobs run well past the deadline.
   */
  #drainJobs(): void {
    const { context, runtime } = this.#alive();
    while (runtime.hasPendingJob()) {
      const result = runtime.executePendingJobs(JOBS_PER_BUDGET_CHECK);
      if (result.error) {
        const described = describeVmError(context, result.error);
        result.error.dispose();
        throw new SandboxFault(this.#failureFor(described));
      }
      if (this.#budget.interrupted === undefined) this.#shouldInterrupt();
      if (this.#budget.interrupted || this.#budget.abort) {
        throw new SandboxFault(
          this.#failureFor({ name: 'InternalError', message: 'interrupted', stack: '' }),
        );
      }
    }
  }

  /** The host side of `host.<a>.<b>(args)`: checks, then hands the call to this event's bridge. */
  #hostCall(
    idHandle: QuickJSHandle,
    methodHandle: QuickJSHandle,
    argsHandle: QuickJSHandle,
  ): QuickJSHandle | { error: QuickJSHandle } {
    const { context } = this.#alive();
    const limits = this.#options.limits;
    const run = this.#run;
    if (!run || context.typeof(idHandle) !== 'number' || context.getNumber(idHandle) !== run.id) {
      return { error: context.newError('this host object belongs to an event that is over') };
    }
    run.hostCalls += 1;
    if (run.hostCalls > limits.maxHostCallsPerEvent) {
      run.budget.abort ??= sandboxFailure('miniapp_host_calls', limits, { fatal: false });
      return { error: newCodedError(context, 'miniapp_host_calls', run.budget.abort.error.message) };
    }
    const method = readBoundedString(context, methodHandle, 200);
    if (!method || !('text' in method) || !this.#methods.has(method.text)) {
      const name = method && 'text' in method ? method.text : '(not a name)';
      this.#write({
        level: 'warn',
        message: `host method ${name} is not available to this app`,
        code: 'forbidden',
      });
      return { error: newCodedError(context, 'forbidden', `host method ${name} is not available`) };
    }
    const argsText = readBoundedString(context, argsHandle, limits.maxMessageBytes);
    if (!argsText || 'tooLong' in argsText || Buffer.byteLength(argsText.text) > limits.maxMessageBytes) {
      run.budget.abort ??= sandboxFailure('miniapp_too_large', limits, {
        fatal: false,
        what: `arguments of ${method.text}`,
      });
      return { error: newCodedError(context, 'miniapp_too_large', run.budget.abort.error.message) };
    }
    let args: JsonValue;
    try {
      args = JSON.parse(argsText.text) as JsonValue;
    } catch {
      return {
        error: newCodedError(context, 'validation_failed', `arguments of ${method.text} are not JSON`),
      };
    }
    const deferred = context.newPromise();
    run.inFlight.add(deferred);
    void this.#settleHostCall(run, deferred, method.text, args);
    return deferred.handle;
  }

  async #settleHostCall(run: EventRun, deferred: QuickJSDeferredPromise, method: string, args: JsonValue) {
    const limits = this.#options.limits;
    let reply: { text: string } | { code: string; message: string };
    try {
      const text = JSON.stringify((await run.bridge.call(method, args)) ?? null);
      reply =
        Buffer.byteLength(text) > limits.maxMessageBytes
          ? { code: 'miniapp_too_large', message: `the reply of ${method} is too large` }
          : { text };
    } catch (error) {
      reply = isGenioError(error)
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: `${method} failed` };
    }
    if (!this.#engine || this.#run !== run || !run.inFlight.delete(deferred)) return;
    const { context } = this.#engine;
    try {
      const value =
        'text' in reply ? context.newString(reply.text) : newCodedError(context, reply.code, reply.message);
      this.#hostSide(() => ('text' in reply ? deferred.resolve(value) : deferred.reject(value)));
      value.dispose();
    } catch (fault) {
      run.budget.abort ??= classifyEngineFault(fault, limits);
    } finally {
      deferred.dispose();
      run.wake?.();
    }
  }

  /** The host side of console.*; answers false once this event's console quota is spent. */
  #hostLog(levelHandle: QuickJSHandle, textHandle: QuickJSHandle): QuickJSHandle {
    const { context } = this.#alive();
    const level = readBoundedString(context, levelHandle, 10);
    if (!level || !('text' in level) || !levels.has(level.text as SandboxLogEntry['level']))
      return context.false;
    this.#logLines += 1;
    if (this.#logLines > LOG_LINES_PER_EVENT) {
      if (this.#logLines === LOG_LINES_PER_EVENT + 1) {
        this.#write({
          level: 'warn',
          message: `more than ${LOG_LINES_PER_EVENT} console lines; the rest is dropped`,
        });
      }
      return context.false;
    }
    const text = readBoundedString(context, textHandle, TEXT_CHARS);
    const message = text && 'text' in text ? text.text : '(console line too long)';
    this.#write({ level: level.text as SandboxLogEntry['level'], message });
    return context.true;
  }

  #waitForHost(run: EventRun, wallDeadline: number): Promise<boolean> {
    const remaining = wallDeadline - performance.now();
    if (remaining <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        run.wake = undefined;
        resolve(false);
      }, remaining);
      run.wake = () => {
        clearTimeout(timer);
        run.wake = undefined;
        resolve(true);
      };
    });
  }

  /** Runs engine work under the CPU deadline; host-side exceptions of the engine become faults. */
  #slice<T>(work: () => T): T {
    const budget = this.#budget;
    const start = cpuNowMs();
    const remaining = Math.max(0, budget.limitMs - budget.usedMs);
    budget.sliceCpuDeadline = start + remaining;
    // The main thread cannot use more CPU than the time that passed on the clock.
    budget.sliceCheckFrom = performance.now() + remaining;
    try {
      const value = work();
      // An interrupt the guest turned into a rejection still ends the event.
      if (budget.interrupted) throw new SandboxFault(this.#failureFor({ name: '', message: '', stack: '' }));
      return value;
    } catch (thrown) {
      if (thrown instanceof SandboxFault) throw thrown;
      throw new SandboxFault(classifyEngineFault(thrown, this.#options.limits));
    } finally {
      budget.usedMs += cpuNowMs() - start;
      budget.sliceCpuDeadline = Number.NEGATIVE_INFINITY;
      budget.sliceCheckFrom = Number.NEGATIVE_INFINITY;
    }
  }

  /**
   * Runs host-side engine work that calls no guest code (settling a host call's promise only queues
   * the guest's reactions as jobs). QuickJS polls for interrupts on every call it makes, so outside a
   * slice, where the handler says stop, such work must be shielded or it would fail at random.
   */
  #hostSide<T>(work: () => T): T {
    this.#shielded += 1;
    try {
      return work();
    } finally {
      this.#shielded -= 1;
    }
  }

  #shouldInterrupt(): boolean {
    if (this.#shielded > 0) return false;
    const budget = this.#budget;
    if (budget.abort) return true;
    const now = performance.now();
    if (now < budget.sliceCheckFrom && now <= budget.wallDeadline) return false;
    if (cpuNowMs() > budget.sliceCpuDeadline) budget.interrupted = 'cpu';
    else if (now > budget.wallDeadline) budget.interrupted = 'wall';
    return budget.interrupted !== undefined;
  }

  #unwrap(result: { value: QuickJSHandle } | { error: QuickJSHandle }): QuickJSHandle {
    if ('error' in result && result.error) {
      const { context } = this.#alive();
      const described = describeVmError(context, result.error);
      result.error.dispose();
      throw new SandboxFault(this.#failureFor(described));
    }
    return (result as { value: QuickJSHandle }).value;
  }

  #failureFor(described: GuestErrorDescription): SandboxFailure {
    const budget = this.#budget;
    if (budget.abort) return budget.abort;
    if (budget.interrupted) {
      return sandboxFailure('miniapp_timeout', this.#options.limits, {
        fatal: true,
        kind: budget.interrupted,
      });
    }
    return classifyGuestError(described, this.#options.limits);
  }

  /** Logs a failure, disposes the engine when it can no longer be trusted, and returns the error. */
  #fail(thrown: unknown): GenioError {
    const failure =
      thrown instanceof SandboxFault ? thrown.failure : classifyEngineFault(thrown, this.#options.limits);
    const { error } = failure;
    const detail = failure.detail === error.message ? '' : `\n${failure.detail}`;
    this.#write({ level: 'error', message: `${error.message}${detail}`, code: error.code });
    if (failure.fatal) this.#release(false);
    return error;
  }

  #write(entry: SandboxLogEntry): void {
    try {
      this.#options.log(entry);
    } catch {
      // A failing log sink must not break the app or the hub.
    }
  }

  #alive(): Engine {
    if (!this.#engine) {
      throw new SandboxFault(sandboxFailure('miniapp_disposed', this.#options.limits, { fatal: false }));
    }
    return this.#engine;
  }

  #dispatchHandle(): QuickJSHandle {
    if (!this.#dispatch) throw new Error('the app was not installed');
    return this.#dispatch;
  }

  #registeredHandle(): QuickJSHandle {
    if (!this.#registered) throw new Error('the app was not installed');
    return this.#registered;
  }
}
