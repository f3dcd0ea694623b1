// The sign-in throttle on a real database, through its public functions only:
// failures counted per username and per address within a window, and a right
// password forgetting the username's failures. Times are passed in, so the
// window is tested without waiting. Each test uses usernames and addresses of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, type LoginThrottle, type LoginThrottlePolicy } from '../src/index.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();
const policy: LoginThrottlePolicy = { windowMs: 15 * 60_000, maxPerUsername: 5, maxPerIp: 30 };
const t0 = new Date('2026-11-27T09:00:00+08:00');
const later = (ms: number) => new Date(t0.getTime() + ms);

let throttle: LoginThrottle;
beforeAll(async () => {
  throttle = createLoginThrottle((await freshDatabase()).prisma, policy);
});

/** What the sign-in route does with a wrong password, and with a right one. */
const fail = (username: string, ip: string, at = t0) => throttle.recordFailure(username, ip, at);
const succeed = (username: string) => throttle.clear(username);
const isBlocked = (username: string, ip: string, at = t0) => throttle.isBlocked(username, ip, at);

describe('createLoginThrottle', () => {
  it('blocks a username after maxPerUsername failures, from whatever addresses they came; not one failure sooner', async () => {
    for (let i = 1; i < policy.maxPerUsername; i += 1) await fail('clerk-a', `10.1.0.${i}`);
    expect(await isBlocked('clerk-a', '10.1.9.9')).toBe(false);
    await fail('clerk-a', '10.1.0.99');
    expect(await isBlocked('clerk-a', '10.1.9.9')).toBe(true);
    expect(await isBlocked('clerk-a', '10.1.0.1')).toBe(true);
    // Another username from those same addresses is not blocked.
    expect(await isBlocked('clerk-b', '10.1.0.1')).toBe(false);
  });

  it('blocks an address after maxPerIp failures of many usernames (each failing once); not one failure sooner', async () => {
    const ip = '10.2.0.1';
    for (let i = 1; i < policy.maxPerIp; i += 1) await fail(`sprayed-${i}`, ip);
    expect(await isBlocked('someone', ip)).toBe(false);
    await fail('sprayed-last', ip);
    expect(await isBlocked('someone', ip)).toBe(true);
    expect(await isBlocked('sprayed-1', ip)).toBe(true);
    // The usernames it tried are not blocked from elsewhere, nor is another address.
    expect(await isBlocked('sprayed-1', '10.2.0.2')).toBe(false);
    expect(await isBlocked('someone', '10.2.0.2')).toBe(false);
  });

  it('counts only the failures within the window', async () => {
    // One failure a minute: t0, t0 + 1 min, … t0 + 4 min.
    for (let i = 0; i < policy.maxPerUsername; i += 1) await fail('clerk-c', '10.3.0.1', later(i * 60_000));
    expect(await isBlocked('clerk-c', '10.3.0.2', later(policy.windowMs - 1))).toBe(true);
    // The first failure has just left the window: one short of the limit again.
    expect(await isBlocked('clerk-c', '10.3.0.2', later(policy.windowMs + 1))).toBe(false);
  });

  it("forgets a username's failures after a right password: fail ×4, succeed, fail ×4 → still allowed", async () => {
    const ip = '10.4.0.1';
    for (let round = 0; round < 2; round += 1) {
      for (let i = 1; i < policy.maxPerUsername; i += 1) await fail('clerk-d', ip);
      expect(await isBlocked('clerk-d', ip)).toBe(false);
      await succeed('clerk-d');
    }
    // A right password forgets that username only.
    for (let i = 0; i < policy.maxPerUsername; i += 1) await fail('clerk-e', ip);
    await succeed('clerk-d');
    expect(await isBlocked('clerk-e', '10.4.0.2')).toBe(true);
  });
});
