// The sign-in throttle on a real database, through its public functions only:
// failures counted per username and per address within a window, and a right
// password forgetting the username's failures. Times are passed in, so the
// window is tested without waiting. Each test uses usernames and addresses of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, type LoginThrottle, type LoginThrottlePolicy } from '../src/index.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();
const policy: LoginThrottlePolicy = { windowMs: 15 * 60_000, maxPerUsername: 5, maxPerIp: 30, maxPerDevice: 5 };
const t0 = new Date('2026-11-27T09:00:00+08:00');
const later = (ms: number) => new Date(t0.getTime() + ms);

let throttle: LoginThrottle;
beforeAll(async () => {
  throttle = createLoginThrottle((await freshDatabase()).prisma, policy);
});

/**
 * What the sign-in route does: claim an attempt (null: refused, 429), check the
 * password; a wrong one leaves the claim as a failure, a right one calls succeeded.
 */
const claim = (username: string, ip: string, at = t0, device: string | null = null) => throttle.claimAttempt(username, ip, device, at);
async function fail(username: string, ip: string, at = t0) {
  expect(await claim(username, ip, at), `${username} from ${ip} refused before its failure`).not.toBeNull();
}
async function succeed(username: string, ip: string, at = t0) {
  const attempt = await claim(username, ip, at);
  expect(attempt, `${username} from ${ip} refused a right password`).not.toBeNull();
  await throttle.succeeded(attempt!, username);
}
const isRefused = async (username: string, ip: string, at = t0) => (await claim(username, ip, at)) === null;

describe('createLoginThrottle', () => {
  it('refuses a username after maxPerUsername failures, from whatever addresses they came; not one failure sooner', async () => {
    for (let i = 1; i <= policy.maxPerUsername; i += 1) await fail('clerk-a', `10.1.0.${i}`);
    expect(await isRefused('clerk-a', '10.1.9.9')).toBe(true);
    expect(await isRefused('clerk-a', '10.1.0.1')).toBe(true);
    // Another username from those same addresses is not refused.
    expect(await isRefused('clerk-b', '10.1.0.1')).toBe(false);
  });

  it('refuses an address after maxPerIp failures of many usernames (each failing once); not one failure sooner', async () => {
    const ip = '10.2.0.1';
    for (let i = 1; i <= policy.maxPerIp; i += 1) await fail(`sprayed-${i}`, ip);
    expect(await isRefused('someone', ip)).toBe(true);
    expect(await isRefused('sprayed-1', ip)).toBe(true);
    // The usernames it tried are not refused from elsewhere, nor is another address.
    expect(await isRefused('sprayed-1', '10.2.0.2')).toBe(false);
    expect(await isRefused('someone', '10.2.0.2')).toBe(false);
  });

  it('counts only the failures within the window', async () => {
    // One failure a minute: t0, t0 + 1 min, … t0 + 4 min.
    for (let i = 0; i < policy.maxPerUsername; i += 1) await fail('clerk-c', '10.3.0.1', later(i * 60_000));
    expect(await isRefused('clerk-c', '10.3.0.2', later(policy.windowMs - 1))).toBe(true);
    // The first failure has just left the window: one short of the limit again.
    expect(await isRefused('clerk-c', '10.3.0.2', later(policy.windowMs + 1))).toBe(false);
  });

  it("forgets a username's failures after a right password: fail ×4, succeed, fail ×4, succeed → still allowed", async () => {
    const ip = '10.4.0.1';
    for (let round = 0; round < 2; round += 1) {
      for (let i = 1; i < policy.maxPerUsername; i += 1) await fail('clerk-d', ip);
      await succeed('clerk-d', ip);
    }
    expect(await isRefused('clerk-d', ip)).toBe(false);
    // A right password forgets that username only.
    for (let i = 0; i < policy.maxPerUsername; i += 1) await fail('clerk-e', ip);
    await succeed('clerk-d', ip);
    expect(await isRefused('clerk-e', '10.4.0.2')).toBe(true);
  });
});

describe('device cookies (OWASP): a browser that signed in keeps its own allowance', () => {
  /** Signs in successfully from a new browser; returns its device token. */
  async function trustedBrowser(username: string, ip: string) {
    const attempt = await claim(username, ip);
    expect(attempt).not.toBeNull();
    return throttle.succeeded(attempt!, username);
  }

  it("a guesser locking a username out does not lock out the user's own browser, from any address", async () => {
    const device = await trustedBrowser('clerk-g', '10.5.0.1');
    for (let i = 1; i <= policy.maxPerUsername; i += 1) await fail('clerk-g', `10.66.0.${i}`);
    expect(await isRefused('clerk-g', '10.66.9.9')).toBe(true);
    expect(await claim('clerk-g', '10.5.0.1', t0, device)).toMatchObject({ trustedDevice: expect.any(String) });
    expect(await claim('clerk-g', '10.77.0.1', t0, device)).not.toBeNull();
  });

  it('an address locked out by spraying still lets in the users whose browsers signed in before', async () => {
    const office = '10.6.0.1';
    const colleague = await trustedBrowser('clerk-h', office);
    for (let i = 1; i <= policy.maxPerIp; i += 1) await fail(`sprayed-h-${i}`, office);
    expect(await isRefused('clerk-h', office)).toBe(true);
    expect(await claim('clerk-h', office, t0, colleague)).not.toBeNull();
  });

  it('a trusted browser has maxPerDevice failures of its own, then it is refused too; the device is trusted for its username only', async () => {
    const device = await trustedBrowser('clerk-i', '10.7.0.1');
    for (let i = 1; i <= policy.maxPerDevice!; i += 1) expect(await claim('clerk-i', '10.7.0.1', t0, device)).not.toBeNull();
    expect(await claim('clerk-i', '10.7.0.1', t0, device)).toBeNull();
    // Its failures did not count against the username for other browsers…
    expect(await isRefused('clerk-i', '10.7.0.2')).toBe(false);
    // …and a token trusted for clerk-i is an unknown browser for clerk-j.
    for (let i = 1; i <= policy.maxPerUsername; i += 1) await fail('clerk-j', `10.8.0.${i}`);
    expect(await claim('clerk-j', '10.7.0.1', t0, device)).toBeNull();
    // The window passes for a device too.
    expect(await claim('clerk-i', '10.7.0.1', later(policy.windowMs + 1), device)).not.toBeNull();
  });

  it('a made-up device token is an unknown browser', async () => {
    for (let i = 1; i <= policy.maxPerUsername; i += 1) await fail('clerk-k', `10.9.0.${i}`);
    expect(await claim('clerk-k', '10.9.0.1', t0, 'x'.repeat(43))).toBeNull();
  });
});
