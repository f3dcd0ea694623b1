// The demo county's other townships, so the county's views (submissions grid,
// ranking, named-day matrix) compare something: two townships with a handful of
// events on the named days, and their month-end submissions as a county would
// see them in the middle of a year: approved, one waiting for review, one
// returned with a reason, one late. 涂市镇 (the clerk's township) submits nothing,
// so the demo user starts from an open ledger.
import { isoDate, monthPeriod, type IsoDate } from '@pufa/domain';
import type { DatabaseHandle } from '../client.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { seedTownship } from './org-units.ts';
import { demoWriter } from './demo-writer.ts';

const NEIGHBOURS = [
  { code: 'longgang', name: '龙港镇', nameEn: 'Longgang Town', villages: ['东湖村', '西岭村', '南塘村', '北坡村', '港口社区', '梅林村'] },
  { code: 'shimen', name: '石门乡', nameEn: 'Shimen Township', villages: ['石门村', '上坪村', '下坪村', '竹园村', '柳溪村'] },
] as const;

/** [month, day, title, campaign code] of the named days the neighbours keep (not every one keeps every day). */
const DAYS: [number, number, string, string][] = [
  [3, 15, '3·15消费者权益保护宣传', 'consumer-rights-day'],
  [4, 15, '全民国家安全教育日宣传', 'national-security-day'],
  [5, 18, '民法典宣传进村', 'civil-code-month'],
  [6, 26, '国际禁毒日宣传', 'anti-drug-day'],
  [9, 3, '开学法治第一课', 'first-law-lesson'],
  [12, 4, '国家宪法日宣传', 'constitution-day'],
];

export const DEMO_RETURN_REASON = '宣传资料数量与现场照片不符，请核实后重新上报';

export async function seedDemoNeighbours(db: DatabaseHandle, { countyId, today }: { countyId: number; today: IsoDate }) {
  const { prisma } = db;
  const { rand, events, submissions, campaignId, leafletId, thisYear } = await demoWriter(db, 2026, today);
  const currentMonth = Number(today.slice(5, 7));
  for (const [index, neighbour] of NEIGHBOURS.entries()) {
    const { townshipId, villageIds } = await seedTownship(prisma, {
      countyId,
      code: neighbour.code,
      name: neighbour.name,
      nameEn: neighbour.nameEn,
      reportingFrom: `${thisYear}-01`,
      villages: neighbour.villages.map((name, i) => ({ code: `${neighbour.code}-${i + 1}`, name, nameEn: `${neighbour.nameEn} village ${i + 1}` })),
    });
    await prisma.orgUnit.update({ where: { id: townshipId }, data: { sortOrder: (index + 1) * 10 } });
    for (const year of [thisYear - 1, thisYear]) {
      // Shimen skips a day or two: the named-day matrix shows a gap.
      for (const [month, day, title, code] of DAYS.filter((_, i) => index === 0 || i % 3 !== 1)) {
        const startDate = isoDate(year, month, day);
        if (startDate > today) continue;
        await events.create(SYSTEM_ACTOR, {
          startDate, title, townshipId, campaignId: campaignId(code), location: `${neighbour.name}政府广场`,
          villageIds: rand.pick(villageIds, rand.int(1, villageIds.length)),
          audience: rand.int(80, 400), materials: [{ materialTypeId: leafletId, quantity: rand.int(100, 500) }],
        });
      }
    }
    // Submissions after the events (a submitted month refuses new events).
    const periods = [...Array.from({ length: 12 }, (_, i) => monthPeriod(thisYear - 1, i + 1)), String(thisYear - 1), ...Array.from({ length: currentMonth - 1 }, (_, i) => monthPeriod(thisYear, i + 1))];
    const last = periods.at(-1);
    for (const period of periods) {
      // Longgang: last month awaits review. Shimen: last month is late (not submitted), the one before was returned.
      if (index === 1 && period === last) continue;
      const submission = await submissions.submit(SYSTEM_ACTOR, { townshipId, period, note: '' }, today);
      if (index === 0 && period === last) continue;
      if (index === 1 && period === periods.at(-2)) await submissions.returnWithReason(SYSTEM_ACTOR, submission.id, DEMO_RETURN_REASON);
      else await submissions.approve(SYSTEM_ACTOR, submission.id);
    }
  }
}
