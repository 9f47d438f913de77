import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/index.js';
import { createTestHarness, HostCallError, NotRecognisedError } from '../src/testing/index.js';

const manifest: Manifest = {
  id: 'com.example.kiki',
  version: '1.0.0',
  name: { en: 'Kiki Chicken', zh: '琪琪炸鸡' },
  description: { en: 'Fried chicken', zh: '炸鸡' },
  invocation: { en: ['Kiki Chicken'], zh: ['琪琪炸鸡'] },
  intents: [
    {
      name: 'order',
      slots: {
        number: { type: 'number' },
        item: {
          type: 'list',
          values: {
            en: [
              { text: 'wings', value: 'wing' },
              { text: 'legs', value: 'leg' },
            ],
            zh: [
              { text: '鸡翅', value: 'wing' },
              { text: '鸡腿', value: 'leg' },
            ],
          },
        },
      },
      sentences: {
        en: ['[i want] {number} {item}', 'order {number} {item}'],
        zh: ['[我要]{number}个{item}'],
      },
    },
    { name: 'lights', sentences: { en: ['(dim|lower) the lights'] } },
  ],
  permissions: [
    { name: 'storage', reason: { en: 'Remember your last order', zh: '记住您上次的订单' } },
    { name: 'payments', reason: { en: 'Pay for your order', zh: '支付订单' } },
  ],
  payments: { merchantId: 'mer_1', maxPerOrder: 5000 },
};
const menu = { wing: 450, leg: 520 };

const bundle = `genio.register({
  async handle(event, host) {
    if (event.type === 'launch') return { speech: event.language === 'zh' ? '欢迎' : 'Welcome', card: { type: 'text', title: 'Kiki', text: 'Menu' } };
    if (event.type === 'payment') return { speech: 'Payment ' + event.payment.status, end: true };
    if (event.type === 'end') return { speech: 'Bye', end: true };
    if (event.intent === 'lights') { await host.devices.control({ category: 'light', values: { brightness: 10 } }); return { speech: 'dimmed' }; }
    const quantity = event.slots.number;
    await host.storage.set({ key: 'last', value: { quantity, item: event.slots.item } });
    console.log('ordered', quantity);
    const { orderId } = await host.payments.request({ items: [{ ref: event.slots.item, quantity }] });
    return { speech: 'Confirm on the screen', card: { type: 'text', title: 'Order', text: orderId } };
  },
});`;

describe('createTestHarness', () => {
  it('opens the app, recognises sentences with slots, records storage and payments, delivers the outcome', async () => {
    const h = await createTestHarness({ manifest, bundle, home: { menu } });
    expect((await h.say('open Kiki Chicken')).reply).toMatchObject({
      speech: 'Welcome',
      card: { type: 'text' },
    });
    const order = await h.say('I want 2 wings');
    expect(order.event).toMatchObject({
      type: 'intent',
      intent: 'order',
      slots: { number: 2, item: 'wing' },
    });
    expect(h.home.storage.get('last')).toEqual({ quantity: 2, item: 'wing' });
    expect(h.home.payments).toEqual([
      { orderId: 'order_1', total: 900, items: [{ ref: 'wing', quantity: 2 }] },
    ]);
    expect(h.logs).toContainEqual({ level: 'info', message: 'ordered 2' });
    expect((await h.settlePayment('order_1')).reply).toEqual({ speech: 'Payment paid', end: true });
    expect(h.active).toBe(false);
  });

  it('speaks Chinese, takes one-shot requests and refuses sentences the app does not declare', async () => {
    const h = await createTestHarness({ manifest, bundle, language: 'zh', home: { menu } });
    expect((await h.say('打开琪琪炸鸡')).reply.speech).toBe('欢迎');
    expect((await h.say('我要三个鸡腿')).event).toMatchObject({ slots: { number: 3, item: 'leg' } });
    expect((await h.say('问琪琪炸鸡我要两个鸡翅')).event).toMatchObject({
      intent: 'order',
      slots: { number: 2, item: 'wing' },
    });
    const en = await createTestHarness({ manifest, bundle, home: { menu } });
    expect((await en.say('ask Kiki Chicken for 2 legs')).event).toMatchObject({ intent: 'order' });
    await expect(en.say('open Pizza Place')).rejects.toThrow(NotRecognisedError);
    await en.say('open Kiki Chicken');
    await expect(en.say('I want 2 pizzas')).rejects.toThrow(/none of the app's en sentences/);
    expect((await en.say('exit')).event.type).toBe('end');
  });

  it('refuses a host call without the permission, as the hub does, and logs it', async () => {
    const h = await createTestHarness({
      manifest,
      bundle,
      home: {
        devices: [
          { id: 'd1', name: 'Lamp', category: 'light', areaId: null, online: true, capabilities: [] },
        ],
      },
    });
    await h.say('open Kiki Chicken');
    // devices.control is not declared: the method does not even exist in the sandbox.
    await expect(h.say('dim the lights')).rejects.toThrow();
    expect(h.home.commands).toEqual([]);
    expect(h.logs.some((l) => l.level === 'error')).toBe(true);

    const refused = await createTestHarness({ manifest, bundle, home: { grants: ['storage'], menu } });
    await refused.say('open Kiki Chicken');
    await expect(refused.say('order 1 wings')).rejects.toThrow();
    expect(refused.logs).toContainEqual({
      level: 'error',
      code: 'forbidden',
      message: 'payments.request: the household did not grant "payments"',
    });
    expect(refused.home.payments).toEqual([]);
    await expect(refused.home.call('payments.request', { items: [] })).rejects.toBeInstanceOf(HostCallError);
  });

  it('stops an order above the manifest maximum, an item not on the menu and storage above the quota', async () => {
    const h = await createTestHarness({
      manifest: { ...manifest, resources: { storageKb: 1 } },
      bundle,
      home: { menu },
    });
    await expect(h.home.call('payments.request', { items: [{ ref: 'wing', quantity: 12 }] })).rejects.toThrow(
      /costs 5400, over the app's maxPerOrder of 5000/,
    );
    await expect(h.home.call('payments.request', { items: [{ ref: 'pizza', quantity: 1 }] })).rejects.toThrow(
      /no "pizza"/,
    );
    await expect(h.home.call('storage.set', { key: 'big', value: 'x'.repeat(2000) })).rejects.toThrow(
      /quota/,
    );
    expect(h.home.storage.has('big')).toBe(false);
  });
});
