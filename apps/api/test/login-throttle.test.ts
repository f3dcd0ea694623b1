// The sign-in throttle through HTTP, with the limits a deployment runs with
// (DEFAULT_LOGIN_THROTTLE: per username and per address). Each test signs in
// from addresses and with usernames of its own, so the counts do not mix.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE } from '@pufa/db';
import { TEST_PASSWORD, useTestApp } from './helper.ts';

const ctx = useTestApp({ loginThrottle: DEFAULT_LOGIN_THROTTLE });
const { maxPerUsername, maxPerIp } = DEFAULT_LOGIN_THROTTLE;

const login = (username: string, password: string, ip: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('the sign-in throttle at its deployed limits', () => {
  it('is realistic: an address may fail more often than one username, so an office behind one address is not locked out by one user', () => {
    expect(maxPerUsername).toBeGreaterThanOrEqual(3);
    expect(maxPerIp).toBeGreaterThan(maxPerUsername);
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
});
