/**
 * The only code of ours that runs inside an app's engine, before the app's bundle. It receives the
 * host's two primitives as arguments (they never appear on the guest's global), defines `genio`
 * and `console`, and returns the dispatcher the host calls per event. Everything it hands to the
 * host is a string (JSON text or a short error description): no guest object ever leaves the VM.
 *
 * Tampering by the app (replacing JSON, prototypes, the host object) can only break the app
 * itself: the hub re-checks every method name, size and text it receives.
 */
export const guestPrelude = `(function (hostCall, hostLog, methodsText, logChars) {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const toText = String;
  const ErrorType = Error;
  const define = Object.defineProperty;
  const freeze = Object.freeze;
  const methods = parse(methodsText);
  let handler = null;

  function clip(text) {
    return text.length > logChars ? text.slice(0, logChars) : text;
  }
  function format(value) {
    if (typeof value === 'string') return value;
    try {
      const text = stringify(value);
      return text === undefined ? toText(value) : text;
    } catch (error) {
      return toText(value);
    }
  }
  // Set when the host says this event's console quota is spent, so a chatty app stops paying for
  // formatting lines nobody will read; reset per event.
  let muted = false;
  function logger(level) {
    return function () {
      if (muted) return;
      let text = '';
      for (let i = 0; i < arguments.length && text.length < logChars; i++) {
        text += (i > 0 ? ' ' : '') + clip(format(arguments[i]));
      }
      if (hostLog(level, clip(text)) === false) muted = true;
    };
  }
  function describe(error) {
    const read = (key) => {
      try {
        const value = error !== null && typeof error === 'object' ? error[key] : undefined;
        return value === undefined ? '' : clip(toText(value));
      } catch (ignored) {
        return '';
      }
    };
    if (error === null || typeof error !== 'object') return { name: '', message: clip(toText(error)), stack: '' };
    return { name: read('name'), message: read('message'), stack: read('stack') };
  }
  function hostFunction(eventId, method) {
    return async function (args) {
      const text = stringify(args === undefined ? null : args);
      const reply = await hostCall(eventId, method, text === undefined ? 'null' : text);
      return parse(reply);
    };
  }
  function buildHost(eventId) {
    const host = {};
    for (const method of methods) {
      const parts = method.split('.');
      let node = host;
      for (let i = 0; i < parts.length - 1; i++) {
        if (node[parts[i]] === undefined) node[parts[i]] = {};
        node = node[parts[i]];
      }
      node[parts[parts.length - 1]] = hostFunction(eventId, method);
    }
    return host;
  }

  const genio = freeze({
    register(app) {
      if (handler !== null) throw new ErrorType('genio.register may be called only once');
      if (app === null || typeof app !== 'object' || typeof app.handle !== 'function') {
        throw new TypeError('genio.register needs an object with a handle(event, host) function');
      }
      handler = app;
    },
  });
  const console = freeze({ log: logger('info'), info: logger('info'), warn: logger('warn'), error: logger('error') });
  define(globalThis, 'genio', { value: genio, writable: false, enumerable: false, configurable: false });
  define(globalThis, 'console', { value: console, writable: false, enumerable: false, configurable: false });

  return freeze({
    registered() {
      return handler !== null;
    },
    async dispatch(eventText, eventId) {
      muted = false;
      try {
        const result = await handler.handle(parse(eventText), buildHost(eventId));
        const text = stringify(result === undefined ? null : result);
        return text === undefined ? 'null' : text;
      } catch (error) {
        throw describe(error);
      }
    },
  });
})`;
