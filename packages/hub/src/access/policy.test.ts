import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/index.js';
import { isGenioError } from '../errors/index.js';
import { type Action, actions, allowedActions, authorize, can, type Resource } from './index.js';

// Home H1 is the household's; T1 is the developer's test home; H2 is somebody else's.
const principals: Record<string, Principal> = {
  operator: { tokenId: 'tok_op', name: 'op', role: 'operator', homeId: null },
  household: { tokenId: 'tok_hh', name: 'hh', role: 'household', homeId: 'H1' },
  // A paired screen holds a household token of its home: the same rules, stated here so a change shows.
  screen: { tokenId: 'tok_scr', name: 'screen', role: 'household', homeId: 'H1' },
  developer: { tokenId: 'tok_dev', name: 'dev', role: 'developer', homeId: null, ownedHomeIds: ['T1'] },
  merchant: { tokenId: 'tok_mer', name: 'shop', role: 'merchant', homeId: null, merchantId: 'M1' },
};

/** The caller's own home, for the home-scoped cells. */
function ownHome(p: Principal): string {
  return p.role === 'developer' ? 'T1' : 'H1';
}

/** The resources each action is tried on, by name: the caller's own, another's, and the hub. */
function resourcesFor(action: Action, p: Principal): Record<string, Resource> {
  const [kind] = action.split('.');
  if (action === 'device.create')
    return {
      own: { kind: 'device', homeId: ownHome(p), productOwnerTokenId: p.tokenId },
      otherProduct: { kind: 'device', homeId: ownHome(p), productOwnerTokenId: 'tok_other_dev' },
      otherHome: { kind: 'device', homeId: 'H2', productOwnerTokenId: p.tokenId },
    };
  if (
    [
      'home.create',
      'home.list',
      'device.list',
      'product.create',
      'product.list',
      'token.list',
      'hub.metrics',
      'merchant.create',
      'merchant.list',
      'ledger.read',
      'miniapp.list',
      'speech.synthesize',
    ].includes(action)
  )
    return { hub: { kind: 'hub' } };
  if (['miniapp.installed', 'miniapp.install'].includes(action))
    return { own: { kind: 'home', homeId: ownHome(p) }, other: { kind: 'home', homeId: 'H2' } };
  // A mini-app the caller uploaded, another's in review, and another's in the published catalog.
  if (kind === 'miniapp')
    return {
      own: { kind: 'miniapp', ownerTokenId: p.tokenId, published: false },
      other: { kind: 'miniapp', ownerTokenId: 'tok_other_dev', published: false },
      published: { kind: 'miniapp', ownerTokenId: 'tok_other_dev', published: true },
    };
  // M1 is the merchant token's merchant; M2 another merchant.
  if (['merchant', 'store', 'menu', 'catalog'].includes(kind as string))
    return { own: { kind: 'merchant', merchantId: 'M1' }, other: { kind: 'merchant', merchantId: 'M2' } };
  if (kind === 'order')
    return {
      own: { kind: 'order', homeId: ownHome(p), merchantId: 'M1' },
      otherHome: { kind: 'order', homeId: 'H2', merchantId: 'M1' },
      otherMerchant: { kind: 'order', homeId: ownHome(p), merchantId: 'M2' },
    };
  if (kind === 'product')
    return {
      own: { kind: 'product', ownerTokenId: p.tokenId },
      other: { kind: 'product', ownerTokenId: 'tok_other_dev' },
    };
  if (kind === 'token')
    return {
      own: { kind: 'token', role: 'household', homeId: ownHome(p) },
      other: { kind: 'token', role: 'household', homeId: 'H2' },
      operator: { kind: 'token', role: 'operator', homeId: null },
    };
  if (kind === 'device')
    return { own: { kind: 'device', homeId: ownHome(p) }, other: { kind: 'device', homeId: 'H2' } };
  return { own: { kind: 'home', homeId: ownHome(p) }, other: { kind: 'home', homeId: 'H2' } };
}

function table(): string {
  const names = Object.keys(principals);
  const lines = [`action | ${names.join(' | ')}`];
  for (const action of actions) {
    const cells = names.map((name) => {
      const p = principals[name] as Principal;
      return Object.entries(resourcesFor(action, p))
        .map(([label, resource]) => `${label}:${can(p, action, resource).allow ? 'Y' : 'n'}`)
        .join(' ');
    });
    lines.push(`${action} | ${cells.join(' | ')}`);
  }
  return lines.join('\n');
}

describe('the access policy as a table', () => {
  it('decides every role x every action x own/other resource as written here', () => {
    expect(`\n${table()}\n`).toBe(EXPECTED);
  });

  it('gives a reason with every refusal, and authorize throws forbidden with it', () => {
    const refused = can(principals.household as Principal, 'home.read', { kind: 'home', homeId: 'H2' });
    expect(refused).toEqual({
      allow: false,
      reason: 'a household token may home.read only for its own home',
    });
    const error = (() => {
      try {
        authorize(principals.merchant as Principal, 'home.list', { kind: 'hub' });
      } catch (e) {
        return e;
      }
    })();
    expect(isGenioError(error, 'forbidden')).toBe(true);
    expect((error as { params: { reason: string } }).params.reason).toBe(
      'a merchant token may not home.list',
    );
  });

  it('lists for /me the actions a role may use on something', () => {
    expect(allowedActions(principals.merchant as Principal)).toContain('order.transition');
    expect(allowedActions(principals.merchant as Principal)).not.toContain('home.read');
    expect(allowedActions(principals.operator as Principal)).toEqual([...actions]);
    expect(allowedActions(principals.developer as Principal)).toContain('device.simulate');
    expect(allowedActions(principals.developer as Principal)).not.toContain('token.create');
  });
});

// Read a row as: the action, then for each principal the decision per resource (Y allowed, n refused).
const EXPECTED = `
action | operator | household | screen | developer | merchant
hub.metrics | hub:Y | hub:n | hub:n | hub:n | hub:n
home.create | hub:Y | hub:n | hub:n | hub:Y | hub:n
home.list | hub:Y | hub:Y | hub:Y | hub:Y | hub:n
home.read | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
home.update | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
home.delete | own:Y other:Y | own:n other:n | own:n other:n | own:Y other:n | own:n other:n
device.create | own:Y otherProduct:Y otherHome:Y | own:Y otherProduct:Y otherHome:n | own:Y otherProduct:Y otherHome:n | own:Y otherProduct:n otherHome:n | own:n otherProduct:n otherHome:n
device.list | hub:Y | hub:Y | hub:Y | hub:Y | hub:n
device.read | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
device.update | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
device.delete | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
device.control | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
device.credentials | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
device.simulate | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
product.create | hub:Y | hub:n | hub:n | hub:Y | hub:n
product.list | hub:Y | hub:Y | hub:Y | hub:Y | hub:n
product.read | own:Y other:Y | own:Y other:Y | own:Y other:Y | own:Y other:n | own:n other:n
product.update | own:Y other:Y | own:n other:n | own:n other:n | own:Y other:n | own:n other:n
product.delete | own:Y other:Y | own:n other:n | own:n other:n | own:Y other:n | own:n other:n
token.create | own:Y other:Y operator:Y | own:Y other:n operator:n | own:Y other:n operator:n | own:n other:n operator:n | own:n other:n operator:n
token.list | hub:Y | hub:Y | hub:Y | hub:n | hub:n
token.revoke | own:Y other:Y operator:Y | own:Y other:n operator:n | own:Y other:n operator:n | own:n other:n operator:n | own:n other:n operator:n
conversation.turn | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
speech.synthesize | hub:Y | hub:Y | hub:Y | hub:Y | hub:n
events.subscribe | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
timer.read | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
timer.manage | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
screen.pair | own:Y other:Y | own:Y other:n | own:Y other:n | own:n other:n | own:n other:n
merchant.create | hub:Y | hub:n | hub:n | hub:n | hub:n
merchant.list | hub:Y | hub:Y | hub:Y | hub:n | hub:n
merchant.read | own:Y other:Y | own:n other:n | own:n other:n | own:n other:n | own:Y other:n
merchant.update | own:Y other:Y | own:n other:n | own:n other:n | own:n other:n | own:Y other:n
merchant.review | own:Y other:Y | own:n other:n | own:n other:n | own:n other:n | own:n other:n
store.manage | own:Y other:Y | own:n other:n | own:n other:n | own:n other:n | own:Y other:n
menu.manage | own:Y other:Y | own:n other:n | own:n other:n | own:n other:n | own:Y other:n
catalog.read | own:Y other:Y | own:Y other:Y | own:Y other:Y | own:n other:n | own:Y other:Y
order.place | own:Y otherHome:Y otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n
order.read | own:Y otherHome:Y otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:Y otherHome:Y otherMerchant:n
order.pay | own:Y otherHome:Y otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n
order.cancel | own:Y otherHome:Y otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:Y otherHome:n otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:Y otherHome:Y otherMerchant:n
order.transition | own:Y otherHome:Y otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n | own:Y otherHome:Y otherMerchant:n
order.refund | own:Y otherHome:Y otherMerchant:Y | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n | own:n otherHome:n otherMerchant:n | own:Y otherHome:Y otherMerchant:n
wallet.read | own:Y other:Y | own:Y other:n | own:Y other:n | own:n other:n | own:n other:n
wallet.topup | own:Y other:Y | own:Y other:n | own:Y other:n | own:n other:n | own:n other:n
payments.configure | own:Y other:Y | own:Y other:n | own:Y other:n | own:n other:n | own:n other:n
ledger.read | hub:Y | hub:n | hub:n | hub:n | hub:n
miniapp.upload | own:Y other:Y published:Y | own:n other:n published:n | own:n other:n published:n | own:Y other:n published:n | own:n other:n published:n
miniapp.list | hub:Y | hub:Y | hub:Y | hub:Y | hub:n
miniapp.read | own:Y other:Y published:Y | own:n other:n published:Y | own:n other:n published:Y | own:Y other:n published:n | own:n other:n published:n
miniapp.logs | own:Y other:Y published:Y | own:n other:n published:n | own:n other:n published:n | own:Y other:n published:n | own:n other:n published:n
miniapp.review | own:Y other:Y published:Y | own:n other:n published:n | own:n other:n published:n | own:n other:n published:n | own:n other:n published:n
miniapp.installed | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
miniapp.install | own:Y other:Y | own:Y other:n | own:Y other:n | own:Y other:n | own:n other:n
`;
