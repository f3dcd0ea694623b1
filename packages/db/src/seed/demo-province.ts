// A small province above the demo county (issue 20), so a city leader has something to compare:
//   示范省 ── 示范市 ── 示范县 (the demo county: 涂市镇, 龙港镇, 石门乡)
//          │        └─ 东山区 ── 东山街道 (社区), 青石镇
//          └─ 江北市 ── 江北县 ── 江北镇
// The new townships log a few named days each year, and 东山街道 has its months approved,
// so the city's views (by county, ranking, submissions one level down) show differences.
import { isoDate, monthPeriod, type IsoDate } from '@pufa/domain';
import type { DatabaseHandle } from '../client.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { seedCounty, seedTownship, seedUpperUnit } from './org-units.ts';
import { demoWriter } from './demo-writer.ts';

interface DemoTownship { code: string; name: string; nameEn: string; villages: string[]; villageWord: string; submits: boolean }
interface DemoCounty { code: string; name: string; nameEn: string; townships: DemoTownship[] }

const DONGSHAN: DemoCounty = {
  code: 'dongshan', name: '东山区', nameEn: 'Dongshan District',
  townships: [
    { code: 'dongshan-street', name: '东山街道', nameEn: 'Dongshan Subdistrict', villages: ['东风社区', '朝阳社区', '滨河社区', '文化社区'], villageWord: 'Community', submits: true },
    { code: 'qingshi', name: '青石镇', nameEn: 'Qingshi Town', villages: ['青石村', '白马村', '杨柳村'], villageWord: 'Village', submits: false },
  ],
};
const JIANGBEI: DemoCounty = {
  code: 'jiangbei', name: '江北县', nameEn: 'Jiangbei County',
  townships: [{ code: 'jiangbei-town', name: '江北镇', nameEn: 'Jiangbei Town', villages: ['江口村', '渡口村', '新塘村', '沙洲村', '江北社区'], villageWord: 'Village', submits: false }],
};

/** [month, day, title, campaign code]: each township keeps most of these, a seeded few are skipped. */
const DAYS: [number, number, string, string][] = [
  [3, 5, '三月法治宣传月集中宣传', 'legal-publicity-month'],
  [4, 15, '全民国家安全教育日宣传', 'national-security-day'],
  [5, 20, '民法典宣传月进社区', 'civil-code-month'],
  [6, 26, '国际禁毒日宣传', 'anti-drug-day'],
  [9, 3, '开学法治第一课', 'first-law-lesson'],
  [12, 4, '国家宪法日集中宣传', 'constitution-day'],
];

export interface DemoProvince { provinceId: number; cityId: number; otherCityId: number }

/** Puts the demo county under a city of a new province, and adds the province's other units. */
export async function seedDemoProvince(db: DatabaseHandle, { countyId, today }: { countyId: number; today: IsoDate }): Promise<DemoProvince> {
  const { prisma } = db;
  const province = await seedUpperUnit(prisma, 'province', { code: 'demo-province', name: '示范省', nameEn: 'Demo Province' });
  const city = await seedUpperUnit(prisma, 'city', { code: 'demo-city', name: '示范市', nameEn: 'Demo City', parentId: province.id });
  const otherCity = await seedUpperUnit(prisma, 'city', { code: 'jiangbei-city', name: '江北市', nameEn: 'Jiangbei City', parentId: province.id });
  await prisma.orgUnit.update({ where: { id: countyId }, data: { parentId: city.id, sortOrder: 10 } });
  await seedDemoCounty(db, DONGSHAN, city.id, 20, today);
  await seedDemoCounty(db, JIANGBEI, otherCity.id, 10, today);
  return { provinceId: province.id, cityId: city.id, otherCityId: otherCity.id };
}

async function seedDemoCounty(db: DatabaseHandle, county: DemoCounty, cityId: number, sortOrder: number, today: IsoDate) {
  const { prisma } = db;
  const { rand, events, submissions, campaignId, leafletId, thisYear } = await demoWriter(db, county.code.length * 7919, today);
  const { id } = await seedCounty(prisma, { code: county.code, name: county.name, nameEn: county.nameEn, parentId: cityId });
  await prisma.orgUnit.update({ where: { id }, data: { sortOrder } });
  for (const [index, township] of county.townships.entries()) {
    const { townshipId, villageIds } = await seedTownship(prisma, {
      countyId: id, code: township.code, name: township.name, nameEn: township.nameEn, reportingFrom: `${thisYear}-01`,
      villages: township.villages.map((name, i) => ({ code: `${township.code}-${i + 1}`, name, nameEn: `${township.nameEn} ${township.villageWord} ${i + 1}` })),
    });
    await prisma.orgUnit.update({ where: { id: townshipId }, data: { sortOrder: (index + 1) * 10 } });
    for (const year of [thisYear - 1, thisYear]) {
      for (const [month, day, title, code] of DAYS) {
        const startDate = isoDate(year, month, day);
        if (startDate > today || rand.int(0, 4) === 0) continue;
        await events.create(SYSTEM_ACTOR, {
          startDate, title, townshipId, campaignId: campaignId(code), location: `${township.name}文化广场`,
          villageIds: rand.pick(villageIds, rand.int(1, villageIds.length)),
          audience: rand.int(60, 500), materials: [{ materialTypeId: leafletId, quantity: rand.int(100, 600) }],
        });
      }
    }
    if (!township.submits) continue;
    // This year's months before the current one, submitted and approved (after the events: a submitted month refuses new ones).
    for (let month = 1; month < Number(today.slice(5, 7)); month += 1) {
      const submission = await submissions.submit(SYSTEM_ACTOR, { townshipId, period: monthPeriod(thisYear, month), note: '' }, today);
      await submissions.approve(SYSTEM_ACTOR, submission.id);
    }
  }
}
