/**
 * The access policy: who may do what to which resource. Invariant: every route and the events
 * websocket ask `can`/`authorize` here; none decides by role on its own. Rules are data, one table
 * per role, so a change shows up as a change of one cell.
 */
import type { Principal, Role } from '../auth/index.js';
import { GenioError } from '../errors/index.js';
import { type Action, actions } from './actions.js';

/** What an action is done to. */
export type Resource =
  /** The hub as a whole: creating, listing, metrics. */
  | { kind: 'hub' }
  | { kind: 'home'; homeId: string }
  /** A device, by the home it is in; `productOwnerTokenId` is needed to add one (a developer adds its own products only). */
  | { kind: 'device'; homeId: string; productOwnerTokenId?: string | null }
  | { kind: 'product'; ownerTokenId: string | null }
  | { kind: 'token'; role: Role; homeId: string | null }
  /** A merchant's own records: profile, stores, menu. */
  | { kind: 'merchant'; merchantId: string }
  /** An order: the home that placed it and the merchant it is for. */
  | { kind: 'order'; homeId: string; merchantId: string }
  /** A mini-app: the token that uploaded it, and whether a version of it is published (in the catalog). */
  | { kind: 'miniapp'; ownerTokenId: string | null; published: boolean };

/** The answer of the policy. */
export type Decision = { allow: true } | { allow: false; reason: string };

/**
 * How a role's request is judged:
 * - `any`: always (lists are then filtered to what the caller may see);
 * - `ownHome`: the resource is in the caller's home (household) or a test home it owns (developer);
 * - `ownHomeOwnProduct`: as ownHome, and the product is the caller's own (developer) or any (household);
 * - `ownProduct`: the product belongs to the caller;
 * - `anyProduct`: every product (households read the products of their devices);
 * - `householdTokenOfOwnHome`: a household token of the caller's own home;
 * - `ownMerchant`: the merchant (or an order for the merchant) the caller's merchant token acts for;
 * - `ownApp`: a mini-app the caller uploaded (a new app id is the caller's own);
 * - `publishedApp`: a mini-app with a published version (the households' catalog);
 * - `never`.
 */
type Rule =
  | 'any'
  | 'ownHome'
  | 'ownHomeOwnProduct'
  | 'ownProduct'
  | 'anyProduct'
  | 'householdTokenOfOwnHome'
  | 'ownMerchant'
  | 'ownApp'
  | 'publishedApp'
  | 'never';

const none: Record<Action, Rule> = Object.fromEntries(actions.map((a) => [a, 'never'])) as Record<
  Action,
  Rule
>;

const household: Record<Action, Rule> = {
  ...none,
  'home.list': 'any',
  'home.read': 'ownHome',
  'home.update': 'ownHome',
  'device.create': 'ownHomeOwnProduct',
  'device.list': 'any',
  'device.read': 'ownHome',
  'device.update': 'ownHome',
  'device.delete': 'ownHome',
  'device.control': 'ownHome',
  'device.credentials': 'ownHome',
  'device.simulate': 'ownHome',
  'product.list': 'any',
  'product.read': 'anyProduct',
  'token.create': 'householdTokenOfOwnHome',
  'token.list': 'any',
  'token.revoke': 'householdTokenOfOwnHome',
  'conversation.turn': 'ownHome',
  'speech.synthesize': 'any',
  'events.subscribe': 'ownHome',
  'timer.read': 'ownHome',
  'timer.manage': 'ownHome',
  'screen.pair': 'ownHome',
  'merchant.list': 'any',
  'catalog.read': 'any',
  'order.place': 'ownHome',
  'order.read': 'ownHome',
  'order.pay': 'ownHome',
  'order.cancel': 'ownHome',
  'wallet.read': 'ownHome',
  'wallet.topup': 'ownHome',
  'payments.configure': 'ownHome',
  'miniapp.list': 'any',
  'miniapp.read': 'publishedApp',
  'miniapp.installed': 'ownHome',
  'miniapp.install': 'ownHome',
};

// A developer (brand) tries its own products in test homes it creates; it never reaches other homes.
const developer: Record<Action, Rule> = {
  ...none,
  'home.create': 'any',
  'home.list': 'any',
  'home.read': 'ownHome',
  'home.update': 'ownHome',
  'home.delete': 'ownHome',
  'device.create': 'ownHomeOwnProduct',
  'device.list': 'any',
  'device.read': 'ownHome',
  'device.update': 'ownHome',
  'device.delete': 'ownHome',
  'device.control': 'ownHome',
  'device.credentials': 'ownHome',
  'device.simulate': 'ownHome',
  'product.create': 'any',
  'product.list': 'any',
  'product.read': 'ownProduct',
  'product.update': 'ownProduct',
  'product.delete': 'ownProduct',
  'conversation.turn': 'ownHome',
  'speech.synthesize': 'any',
  'events.subscribe': 'ownHome',
  'timer.read': 'ownHome',
  'timer.manage': 'ownHome',
  'miniapp.upload': 'ownApp',
  'miniapp.list': 'any',
  'miniapp.read': 'ownApp',
  'miniapp.logs': 'ownApp',
  'miniapp.installed': 'ownHome',
  'miniapp.install': 'ownHome',
};

// A merchant token runs one merchant: its profile, stores, menu and the orders placed with it.
const merchant: Record<Action, Rule> = {
  ...none,
  'merchant.read': 'ownMerchant',
  'merchant.update': 'ownMerchant',
  'store.manage': 'ownMerchant',
  'menu.manage': 'ownMerchant',
  'catalog.read': 'any',
  'order.read': 'ownMerchant',
  'order.cancel': 'ownMerchant',
  'order.transition': 'ownMerchant',
  'order.refund': 'ownMerchant',
};

const operator: Record<Action, Rule> = Object.fromEntries(actions.map((a) => [a, 'any'])) as Record<
  Action,
  Rule
>;

/** Each role's rule for each action. */
export const rules: Readonly<Record<Role, Readonly<Record<Action, Rule>>>> = {
  operator,
  household,
  developer,
  merchant,
};

/** The homes a principal reaches as its own: a household its one home, a developer the test homes it created. */
export function ownHomeIds(principal: Principal): readonly string[] {
  if (principal.role === 'household') return principal.homeId ? [principal.homeId] : [];
  if (principal.role === 'developer') return principal.ownedHomeIds ?? [];
  return [];
}

function resourceHome(resource: Resource): string | null {
  return resource.kind === 'home' || resource.kind === 'device' || resource.kind === 'order'
    ? resource.homeId
    : null;
}

function judge(rule: Rule, principal: Principal, resource: Resource): boolean {
  switch (rule) {
    case 'any':
      return true;
    case 'never':
      return false;
    case 'ownHome':
    case 'ownHomeOwnProduct': {
      const homeId = resourceHome(resource);
      if (homeId === null || !ownHomeIds(principal).includes(homeId)) return false;
      if (rule === 'ownHome' || principal.role !== 'developer') return true;
      return resource.kind === 'device' && resource.productOwnerTokenId === principal.tokenId;
    }
    case 'ownProduct':
      return resource.kind === 'product' && resource.ownerTokenId === principal.tokenId;
    case 'anyProduct':
      return resource.kind === 'product';
    case 'ownMerchant':
      return (
        (resource.kind === 'merchant' || resource.kind === 'order') &&
        !!principal.merchantId &&
        resource.merchantId === principal.merchantId
      );
    case 'ownApp':
      return resource.kind === 'miniapp' && resource.ownerTokenId === principal.tokenId;
    case 'publishedApp':
      return resource.kind === 'miniapp' && resource.published;
    case 'householdTokenOfOwnHome':
      return (
        resource.kind === 'token' &&
        resource.role === 'household' &&
        resource.homeId !== null &&
        ownHomeIds(principal).includes(resource.homeId)
      );
  }
}

/** May this principal do this action to this resource? */
export function can(principal: Principal, action: Action, resource: Resource): Decision {
  const rule = rules[principal.role]?.[action] ?? 'never';
  if (judge(rule, principal, resource)) return { allow: true };
  const reason =
    rule === 'never'
      ? `a ${principal.role} token may not ${action}`
      : `a ${principal.role} token may ${action} only for ${ruleWords[rule]}`;
  return { allow: false, reason };
}

const ruleWords: Record<Rule, string> = {
  any: 'anything',
  never: 'nothing',
  ownHome: 'its own home',
  ownHomeOwnProduct: 'its own home and its own products',
  ownProduct: 'its own products',
  anyProduct: 'products',
  householdTokenOfOwnHome: 'household tokens of its own home',
  ownMerchant: 'its own merchant',
  ownApp: 'its own mini-apps',
  publishedApp: 'published mini-apps',
};

/** Throw forbidden (with the policy's reason) unless the principal may do this. */
export function authorize(principal: Principal, action: Action, resource: Resource): void {
  const decision = can(principal, action, resource);
  if (!decision.allow) throw new GenioError('forbidden', { action, reason: decision.reason });
}

/** The actions a principal may do to at least some resource: what a client should offer it. */
export function allowedActions(principal: Principal): Action[] {
  const table = rules[principal.role];
  return actions.filter((action) => table?.[action] !== 'never');
}

/** The resource standing for the hub as a whole. */
export const hub: Resource = { kind: 'hub' };
