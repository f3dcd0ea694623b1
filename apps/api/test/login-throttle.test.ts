// The sign-in throttle through HTTP, with the limits a deployment runs with
// (DEFAULT_LOGIN_THROTTLE: per username and per address). Each test signs in
// from addresses and with usernames of its own, so the counts do not mix.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE } from '@pufa/db';
import { TEST_PASSWORD, useTestApp } from './helper.ts';

const ctx = useTestApp({ loginThrottle: DEFAULT_LOGIN_THROTTLE });
const { maxPerUsername, maxPerIp } = DEFAULT_LOGIN_THROTTLE;

const login = (username: string, password: string, ip: string, device?: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, ...(device ? { cookies: { pufa_device: device } } : {}) });

/** Signs in from a new browser; returns the device cookie it is given. */
async function browserThatSignedIn(username: string, ip: string) {
  const res = await login(username, TEST_PASSWORD, ip);
  expect(res.statusCode).toBe(200);
  const device = res.cookies.find((c) => c.name === 'pufa_device');
  expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/login' });
  return device!.value;
}

describe('the sign-in throttle at its deployed limits', () => {
  it('is realistic: an address may fail more often than one username, so an office behind one address is not locked out by one user', () => {
    expect(maxPerUsername).toBeGreaterThanOrEqual(3);
    expect(maxPerIp).toBeGreaterThan(maxPerUsername);
  });

  it('locks out for the deployed window, 15 minutes, and says so', async () => {
    expect(DEFAULT_LOGIN_THROTTLE.windowMs).toBe(15 * 60_000);
    for (let i = 0; i < maxPerUsername; i += 1) expect((await login('eastadmin', 'wrong', `10.30.0.${i + 1}`)).statusCode).toBe(401);
    const blocked = await login('eastadmin', TEST_PASSWORD, '10.30.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ message: '登录失败次数过多，请 15 分钟后再试', messageEn: 'Too many failed sign-ins; try again in 15 minutes' });
    // The failures are stored for the window: 15 minutes from the first, not less.
    const failures = await ctx.db.prisma.loginFailure.findMany({ where: { username: 'eastadmin' }, orderBy: { at: 'asc' } });
    expect(failures).toHaveLength(maxPerUsername);
    expect(await ctx.app.loginThrottle.claimAttempt('eastadmin', '10.30.1.2', null, new Date(failures[0]!.at.getTime() + 15 * 60_000 - 1_000))).toBeNull();
    expect(await ctx.app.loginThrottle.claimAttempt('eastadmin', '10.30.1.2', null, new Date(failures.at(-1)!.at.getTime() + 15 * 60_000 + 1))).not.toBeNull();
  });

  it('refuses an address after many usernames failed from it (password spraying), even with a right password; other addresses still sign in', async () => {
    const sprayer = '10.20.0.1';
    // Every username fails once only: no username reaches its own limit.
    for (let i = 0; i < maxPerIp; i += 1) expect((await login(`guess-${i}`, 'Password123', sprayer)).statusCode).toBe(401);
    const blocked = await login('eastleader', TEST_PASSWORD, sprayer);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ message: expect.stringContaining('次数过多'), messageEn: expect.stringContaining('Too many') });
    // The block is on the address, not on the usernames it tried.
    expect((await login('eastleader', TEST_PASSWORD, '10.20.0.2')).statusCode).toBe(200);
    expect((await login('guess-0', 'Password123', '10.20.0.3')).statusCode).toBe(401);
  });

  it('lets an address one failure short of its limit sign in', async () => {
    const office = '10.21.0.1';
    for (let i = 0; i < maxPerIp - 1; i += 1) expect((await login(`typo-${i}`, 'wrong', office)).statusCode).toBe(401);
    expect((await login('eastadmin', TEST_PASSWORD, office)).statusCode).toBe(200);
  });

  it('refuses a username after failures from many addresses, whichever address tries next', async () => {
    for (let i = 0; i < maxPerUsername; i += 1) expect((await login('westclerk', 'guess', `10.22.0.${i + 1}`)).statusCode).toBe(401);
    expect((await login('westclerk', TEST_PASSWORD, '10.22.1.1')).statusCode).toBe(429);
    // Another user from one of those addresses is not affected.
    expect((await login('countyleader', TEST_PASSWORD, '10.22.0.1')).statusCode).toBe(200);
  });

  it('forgets a username\'s failures after a right password: fail, fail, succeed, fail, fail… still allowed', async () => {
    const ip = '10.23.0.1';
    // Each run of failures stays one short of the limit; together they would pass it twice over.
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < maxPerUsername - 1; i += 1) expect((await login('eastclerk', 'wrong', ip)).statusCode).toBe(401);
      expect((await login('eastclerk', TEST_PASSWORD, ip)).statusCode).toBe(200);
    }
  });

  it("a guesser's failures lock out unknown browsers, not the user's own browser (device cookie)", async () => {
    const own = await browserThatSignedIn('countyadmin', '10.40.0.1');
    for (let i = 0; i < maxPerUsername; i += 1) expect((await login('countyadmin', 'guess', `10.41.0.${i + 1}`)).statusCode).toBe(401);
    // The attacker, and any browser without the cookie, are refused even with the right password…
    expect((await login('countyadmin', TEST_PASSWORD, '10.41.0.1')).statusCode).toBe(429);
    expect((await login('countyadmin', TEST_PASSWORD, '10.40.0.1')).statusCode).toBe(429);
    // …the user's own browser signs in, from the office or elsewhere.
    expect((await login('countyadmin', TEST_PASSWORD, '10.40.0.1', own)).statusCode).toBe(200);
    expect((await login('countyadmin', TEST_PASSWORD, '10.42.0.1', own)).statusCode).toBe(200);
    // A stolen-looking cookie value is no device.
    expect((await login('countyadmin', TEST_PASSWORD, '10.41.0.1', 'A'.repeat(43))).statusCode).toBe(429);
  });

  it('spraying from an office address blocks new browsers there, not colleagues who signed in before', async () => {
    const office = '10.50.0.1';
    const colleague = await browserThatSignedIn('eastleader', office);
    for (let i = 0; i < maxPerIp; i += 1) expect((await login(`spray-${i}`, 'Password123', office)).statusCode).toBe(401);
    expect((await login('westclerk', TEST_PASSWORD, office)).statusCode).toBe(429);
    expect((await login('eastleader', TEST_PASSWORD, office, colleague)).statusCode).toBe(200);
  });

  it("a trusted browser's own guesses are limited too: maxPerDevice failures, then 429 for it", async () => {
    const device = await browserThatSignedIn('countyleader', '10.60.0.1');
    for (let i = 0; i < (DEFAULT_LOGIN_THROTTLE.maxPerDevice ?? maxPerUsername); i += 1) expect((await login('countyleader', 'wrong', '10.60.0.1', device)).statusCode).toBe(401);
    expect((await login('countyleader', TEST_PASSWORD, '10.60.0.1', device)).statusCode).toBe(429);
  });
});
