// What every demo seed that logs events and submissions needs: the repositories, the built-in
// campaigns by code, the leaflet material and a seeded random source (same demo on every start).
import { yearOf, type IsoDate } from '@pufa/domain';
import type { DatabaseHandle } from '../client.ts';
import { createEventRepository } from '../repositories/event-repository.ts';
import { createSubmissionRepository } from '../repositories/submission-repository.ts';
import { seededRandom } from './random.ts';

export async function demoWriter(db: DatabaseHandle, seed: number, today: IsoDate) {
  const [campaigns, leaflet] = await Promise.all([
    db.prisma.campaign.findMany({ select: { id: true, code: true } }),
    db.prisma.materialType.findFirstOrThrow({ where: { code: 'leaflet' }, select: { id: true } }),
  ]);
  return {
    rand: seededRandom(seed),
    events: createEventRepository(db),
    submissions: createSubmissionRepository(db),
    campaignId: (code: string) => campaigns.find((c) => c.code === code)?.id ?? null,
    leafletId: leaflet.id,
    thisYear: yearOf(today),
  };
}
