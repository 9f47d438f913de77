import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Principal } from '../auth/index.js';

/** The Fastify instance with TypeBox types, as every route module receives it. */
export type GenioApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Registers one group of routes. */
export type RouteModule = (app: GenioApp) => void | Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set by the auth hook on every non-public route. */
    principal: Principal;
  }
  interface FastifyInstance {
    /** Every route registered, as method and URL pattern; tests walk it to prove auth on each. */
    routeTable: ReadonlyArray<{ method: string; url: string }>;
  }
  interface FastifyContextConfig {
    /** A public route needs no token (health, API docs, the web app's files). */
    public?: boolean;
  }
}
