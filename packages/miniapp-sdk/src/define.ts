import type { AppEvent, AppReply, EndEvent, IntentEvent, LaunchEvent, PaymentEvent } from './events.js';
import type { Host } from './host.js';

type Handler<E> = (event: E, host: Host) => AppReply | Promise<AppReply>;

/** One handler per event type; a missing one answers with silence and gives the conversation back. */
export interface AppHandlers {
  launch?: Handler<LaunchEvent>;
  intent?: Handler<IntentEvent>;
  payment?: Handler<PaymentEvent>;
  end?: Handler<EndEvent>;
}

/** What the sandbox's `genio.register` takes. */
export interface GuestApp {
  handle(event: AppEvent, host: Host): Promise<AppReply>;
}

/** The one global the sandbox gives an app. */
export interface GenioGlobal {
  register(app: GuestApp): void;
}

/** Route each event to its handler, as one `handle` function. */
export function appFromHandlers(handlers: AppHandlers): GuestApp {
  return {
    async handle(event, host) {
      switch (event.type) {
        case 'launch':
          return handlers.launch ? handlers.launch(event, host) : { speech: '', end: true };
        case 'intent':
          return handlers.intent ? handlers.intent(event, host) : { speech: '', end: true };
        case 'payment':
          return handlers.payment ? handlers.payment(event, host) : { speech: '' };
        case 'end':
          return handlers.end ? handlers.end(event, host) : { speech: '', end: true };
      }
    },
  };
}

/**
 * Register an app with the sandbox: `defineApp({ launch, intent, payment, end })` in the bundle is
 * the same as calling `genio.register({ async handle(event, host) { ... } })`.
 */
export function defineApp(handlers: AppHandlers): GuestApp {
  const app = appFromHandlers(handlers);
  const genio = (globalThis as { genio?: GenioGlobal }).genio;
  if (!genio) throw new Error('defineApp runs inside the Genio sandbox (no global `genio` here)');
  genio.register(app);
  return app;
}
