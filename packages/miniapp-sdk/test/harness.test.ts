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
        count: { type: 'number' },
        item: { type: 'list', values: { en: ['wings', 'legs'], zh: ['鸡翅', '鸡腿'] } },
      },
      sentences: { en: ['[i want] {count} {item}', 'order {count} {item}'], zh: ['[我要]{count}个{item}'] },
    },
    { name: 'lights', sentences: { en: ['(dim|lower) the lights'] } },
  ],
  permissions: [
    { name: 'storage', reason: { en: 'Remember your last order', zh: '记住您上次的订单' } },
    { name: 'payments', reason: { en: 'Pay for your order', zh: '支付订单' } },
  ],
  payments: { merchantId: 'mer_1', maxPerOrder: 5000 },
};

const bundle = `genio.register({
  async handle(event, host) {
    if (event.type === 'launch') return { speech: event.language === 'zh' ? '欢迎' : 'Welcome', card: { type: 'text', title: 'Kiki', text: 'Menu' } };
    if (event.type === 'payment') return { speech: 'Payment ' + event.payment.status, end: true };
    if (event.type === 'end') return { speech: 'Bye', end: true };
    if (event.intent === 'lights') { await host.devices.control({ category: 'light', capability: 'brightness', value: 10 }); return { speech: 'dimmed' }; }
    const count = event.slots.count.value;
    await host.storage.set({ key: 'last', value: { count, item: event.slots.item.value } });
    console.log('ordered', count);
    const { orderId } = await host.payments.request({ amount: 450 * count, currency: 'EUR', description: count + ' ' + event.slots.item.value });
    return { speech: 'Confirm on the screen', card: { type: 'text', title: 'Order', text: orderId } };
  },
});`;

describe('createTestHarness', () => {
  it('opens the app, recognises sentences with slots, records storage and payments, delivers the outcome', async () => {
    const h = await createTestHarness({ manifest, bundle });
    expect((await h.say('open Kiki Chicken')).reply).toMatchObject({
      speech: 'Welcome',
      card: { type: 'text' },
    });
    const order = await h.say('I want 2 wings');
    expect(order.event).toMatchObject({
      type: 'intent',
      intent: 'order',
      slots: { count: { value: 2 }, item: { value: 'wings' } },
    });
    expect(h.home.storage.get('last')).toEqual({ count: 2, item: 'wings' });
    expect(h.home.payments).toEqual([
      expect.objectContaining({ orderId: 'order_1', amount: 900, currency: 'EUR' }),
    ]);
    expect(h.logs).toContainEqual({ level: 'info', message: 'ordered 2' });
    expect((await h.settlePayment('order_1')).reply).toEqual({ speech: 'Payment paid', end: true });
    expect(h.active).toBe(false);
  });

  it('speaks Chinese, takes one-shot requests and refuses sentences the app does not declare', async () => {
    const h = await createTestHarness({ manifest, bundle, language: 'zh' });
    expect((await h.say('打开琪琪炸鸡')).reply.speech).toBe('欢迎');
    expect((await h.say('我要三个鸡腿')).event).toMatchObject({
      slots: { count: { value: 3 }, item: { value: '鸡腿' } },
    });
    const en = await createTestHarness({ manifest, bundle });
    expect((await en.say('ask Kiki Chicken for 2 legs')).event).toMatchObject({ intent: 'order' });
    await expect(en.say('open Pizza Place')).rejects.toThrow(NotRecognisedError);
    await expect(en.say('I want 2 pizzas')).rejects.toThrow(/none of the app's en sentences/);
  });

  it('refuses a host call without the permission, as the hub does, and logs it', async () => {
    const h = await createTestHarness({
      manifest,
      bundle,
      home: { devices: [{ id: 'd1', name: 'Lamp', category: 'light', area: null, online: true, state: {} }] },
    });
    await h.say('open Kiki Chicken');
    // devices.control is not declared: the method does not even exist in the sandbox.
    await expect(h.say('dim the lights')).rejects.toThrow();
    expect(h.home.commands).toEqual([]);
    expect(h.logs.some((l) => l.level === 'error')).toBe(true);

    const refused = await createTestHarness({ manifest, bundle, home: { grants: ['storage'] } });
    await refused.say('open Kiki Chicken');
    await expect(refused.say('order 1 wings')).rejects.toThrow(/did not grant "payments"/);
    expect(refused.home.payments).toEqual([]);
    await expect(refused.home.call('payments.request', { amount: 1 })).rejects.toBeInstanceOf(HostCallError);
  });

  it('stops a payment above the manifest maximum and storage above the quota', async () => {
    const h = await createTestHarness({ manifest: { ...manifest, resources: { storageKb: 1 } }, bundle });
    await expect(
      h.home.call('payments.request', { amount: 5001, currency: 'EUR', description: 'x' }),
    ).rejects.toThrow(/maxPerOrder/);
    await expect(h.home.call('storage.set', { key: 'big', value: 'x'.repeat(2000) })).rejects.toThrow(
      /quota/,
    );
    expect(h.home.storage.has('big')).toBe(false);
  });
});
