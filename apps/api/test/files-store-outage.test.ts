// A bucket that cannot be reached (its server down): uploads and downloads answer 503 with
// Retry-After and the store's own words, nothing is half-stored, and nothing answers 500.
import { describe, expect, it } from 'vitest';
import type { EventFile } from '@pufa/domain';
import { useTestApp } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';
import { png } from './evidence-fixtures.ts';
import { startS3Server } from './s3-server.ts';

const s3 = await startS3Server('outage');
const ctx = useTestApp({ evidence: { s3: s3.settings } });

describe('an S3 store that goes away', () => {
  it('answers 503 with Retry-After while it is down, and stores no row', async () => {
    const created = await ctx.inject({ method: 'POST', url: '/api/events', as: 'eastClerk', payload: { startDate: '2026-05-12', title: '防灾减灾日', townshipId: ctx.fixture.east.townshipId, audience: 10 } });
    const eventId = created.json<{ id: number }>().id;
    const upload = async () => ctx.inject({ method: 'POST', url: `/api/events/${eventId}/files`, as: 'eastClerk', ...(await multipartBody({ bytes: await png(60, 60), name: 'a.png' })) });
    const first = await upload();
    expect(first.statusCode, first.body).toBe(201);
    const file = first.json<EventFile>();

    await s3.stop();
    const refused = await upload();
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ message: '文件存储暂时无法访问，请稍后重试' });
    expect(await ctx.db.prisma.eventFile.count({ where: { eventId } })).toBe(1);
    for (const url of [`/api/files/${file.id}`, `/api/files/${file.id}/thumbnail`]) {
      const res = await ctx.inject({ method: 'GET', url, as: 'eastClerk' });
      expect(res.statusCode, url).toBe(503);
    }
  });
});
