import { expect, it } from 'vitest';
import { Slots } from './slots';

it('admits up to the limit, in order, and lets a waiter leave', async () => {
  const slots = new Slots(1);
  const order: string[] = [];
  const a = slots.acquire('a').then(() => order.push('a'));
  const b = slots.acquire('b').then(() => order.push('b'));
  const c = slots.acquire('c').then(() => order.push('c'));
  await a;
  expect(order).toEqual(['a']);
  expect(slots.leave('b')).toBe(true);
  slots.release();
  await c;
  expect(order).toEqual(['a', 'c']);
  slots.setLimit(3);
  expect(slots.isWaiting('b')).toBe(false);
  void b;
});
