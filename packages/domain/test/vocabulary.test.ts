// Who may change the ledger: clerks and administrators of a unit that keeps ledgers (a township
// or a county); leaders never; nobody at a city or a province, administrators included (issue 20).
// The web app hides the forms with canEditEvents; the API refuses with keepsLedgers (auth plugin).
import { describe, expect, it } from 'vitest';
import { canEditEvents, keepsLedgers, ORG_UNIT_LEVELS, ROLES } from '../src/index.ts';

describe('ledger keeping', () => {
  it('a township and a county keep ledgers; a city, a province and a village do not', () => {
    expect(Object.fromEntries(ORG_UNIT_LEVELS.map((level) => [level, keepsLedgers(level)]))).toEqual({
      province: false, city: false, county: true, township: true, village: expect.any(Boolean),
    });
    expect(keepsLedgers('city')).toBe(false);
    expect(keepsLedgers('province')).toBe(false);
  });

  it.each(ROLES.flatMap((role) => ORG_UNIT_LEVELS.filter((l) => l !== 'village').map((level) => [role, level] as const)))('%s at a %s', (role, level) => {
    const expected = (role === 'clerk' || role === 'admin') && (level === 'township' || level === 'county');
    expect(canEditEvents(role, level)).toBe(expected);
  });
});
