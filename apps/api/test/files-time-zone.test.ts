// The photo-date rule in the zone our users' servers run in. The rest of the
// suite runs in UTC, where a day read in UTC and the camera's local day are the
// same day, so a slip between them cannot fail there. Here the process runs in
// Asia/Shanghai (UTC+8): a photo taken at 07:00 is 23:00 UTC the day before.
process.env.TZ = 'Asia/Shanghai';

import { beforeAll, describe, expect, it } from 'vitest';
import type { EventFile } from '@pufa/domain';
import { useTestApp } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';
import { photoWithExif } from './evidence-fixtures.ts';

const ctx = useTestApp();
let event: number;

beforeAll(async () => {
  // The zone took: 2026-03-15 00:00 here is 16:00 UTC the day before.
  expect(new Date(2026, 2, 15).toISOString()).toBe('2026-03-14T16:00:00.000Z');
  const res = await ctx.inject({ method: 'POST', url: '/api/events', as: 'eastClerk', payload: { startDate: '2026-03-15', title: '3·15宣传', townshipId: ctx.fixture.east.townshipId, audience: 10 } });
  expect(res.statusCode, res.body).toBe(201);
  event = res.json<{ id: number }>().id;
});

async function uploadTaken(day: string, time: string) {
  const body = await multipartBody({ bytes: await photoWithExif(day, { time }), name: `${day}.jpg` });
  const res = await ctx.inject({ method: 'POST', url: `/api/events/${event}/files`, as: 'eastClerk', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<EventFile>();
}

describe('the photo-date rule in Asia/Shanghai', () => {
  // The event is on 03-15; 2 days either side are allowed: 03-13 to 03-17.
  it.each([
    ['2026-03-13', '07:00:00', false],
    ['2026-03-12', '23:30:00', true],
    ['2026-03-17', '23:30:00', false],
    ['2026-03-18', '07:00:00', true],
  ])('a photo taken %s at %s, on the tolerance edge, is judged by its own day (mismatch: %s)', async (day, time, mismatch) => {
    const file = await uploadTaken(day, time);
    expect(file.takenOn).toBe(day);
    expect(file.dateMismatch).toBe(mismatch);
    // The instant is the camera's wall clock in this zone.
    expect(new Date(file.takenAt!).getTime()).toBe(new Date(`${day}T${time}+08:00`).getTime());
  });
});
