// The demo township, modelled on the 2022 report in ../shared/seed/: one
// township, its 10 villages, its departments, and a year and more of plausible
// events on the named days. Deterministic: the same data on every machine.
import { addDays, isoDate, todayInChina, yearOf, type EventCreate } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createEventRepository } from '../repositories/event-repository.ts';
import type { DatabaseHandle } from '../client.ts';
import { createPlanRepository } from '../repositories/plan-repository.ts';
import { seedCatalogs } from './catalogs.ts';
import { seedCounty, seedTownship } from './org-units.ts';
import { seededRandom } from './random.ts';
import { seedDemoNeighbours } from './demo-county.ts';
import { seedDemoProvince } from './demo-province.ts';

export const DEMO_VILLAGES = [
  ['yinxing', '银杏村', 'Yinxing Village'],
  ['hongyan', '红岩村', 'Hongyan Village'],
  ['shiqiao', '石桥村', 'Shiqiao Village'],
  ['qingshan', '青山村', 'Qingshan Village'],
  ['longquan', '龙泉村', 'Longquan Village'],
  ['guihua', '桂花村', 'Guihua Village'],
  ['xinhua', '新华社区', 'Xinhua Community'],
  ['songlin', '松林村', 'Songlin Village'],
  ['daping', '大坪村', 'Daping Village'],
  ['baishu', '柏树村', 'Baishu Village'],
] as const;

interface DemoEventPlan {
  month: number;
  day: number;
  title: string;
  campaign?: string;
  location: string;
  sixInto: string[];
  forms: string[];
  laws: string[];
  departments: string[];
  groups: string[];
  villages: number; // how many villages it reaches
  audience: [number, number];
  leaflets: [number, number];
  extra?: { material: string; quantity: [number, number] }[];
  days?: number;
}

// The year of a township like the report's: named days, 六进, departments by duty.
const YEAR_PLAN: DemoEventPlan[] = [
  { month: 2, day: 6, title: '农民工返乡法治赶大集', campaign: 'law-at-the-market', location: '镇农贸市场', sixInto: ['villages'],
    forms: ['consultation-desk', 'handouts'], laws: ['labour-contract', 'legal-aid', 'rural-land-contract'],
    departments: ['judicial-office', 'peace-office', 'police-station'], groups: ['migrant-workers', 'farmers'], villages: 3,
    audience: [300, 500], leaflets: [300, 450], extra: [{ material: 'booklet', quantity: [50, 80] }] },
  { month: 3, day: 5, title: '三月法治宣传月启动暨宪法宣传', campaign: 'legal-publicity-month', location: '镇文化广场', sixInto: ['villages', 'organs'],
    forms: ['consultation-desk', 'handouts', 'banners'], laws: ['constitution', 'civil-code'],
    departments: ['judicial-office', 'peace-office', 'comprehensive-governance'], groups: ['farmers', 'elderly'], villages: 2,
    audience: [200, 350], leaflets: [250, 400], extra: [{ material: 'banner', quantity: [3, 6] }] },
  { month: 3, day: 7, title: '三八维权周反家暴宣传', campaign: 'womens-rights-week', location: '镇妇女之家', sixInto: ['communities'],
    forms: ['lecture', 'case-explanation'], laws: ['anti-domestic-violence', 'women-rights'],
    departments: ['womens-federation', 'judicial-office'], groups: ['women'], villages: 1,
    audience: [60, 120], leaflets: [100, 200] },
  { month: 3, day: 20, title: '法律进村入户走访', campaign: 'legal-publicity-month', location: '各村', sixInto: ['villages'],
    forms: ['door-to-door', 'handouts'], laws: ['village-committees', 'rural-land-contract', 'people-mediation'],
    departments: ['judicial-office'], groups: ['farmers', 'village-cadres', 'legal-understanders'], villages: 4,
    audience: [150, 260], leaflets: [200, 300], days: 5 },
  { month: 4, day: 15, title: '全民国家安全教育日宣传', campaign: 'national-security-day', location: '镇中学', sixInto: ['schools'],
    forms: ['lecture', 'boards'], laws: ['national-security'],
    departments: ['middle-school', 'police-station'], groups: ['youth'], villages: 0,
    audience: [300, 450], leaflets: [100, 200], extra: [{ material: 'display-board', quantity: [4, 8] }] },
  { month: 5, day: 12, title: '5·12防灾减灾日应急知识宣传', campaign: 'disaster-prevention-day', location: '镇政府广场', sixInto: ['organs', 'villages'],
    forms: ['boards', 'handouts'], laws: ['emergency-response'],
    departments: ['peace-office', 'health-centre'], groups: ['farmers', 'elderly'], villages: 2,
    audience: [150, 250], leaflets: [150, 250] },
  { month: 5, day: 20, title: '民法典宣传月进社区', campaign: 'civil-code-month', location: '新华社区', sixInto: ['communities'],
    forms: ['lecture', 'consultation-desk'], laws: ['civil-code'],
    departments: ['judicial-office', 'womens-federation'], groups: ['elderly', 'women'], villages: 1,
    audience: [80, 150], leaflets: [150, 250], extra: [{ material: 'booklet', quantity: [40, 80] }] },
  { month: 6, day: 1, title: '“六一”未成年人保护法进校园', campaign: 'childrens-day', location: '镇中心小学', sixInto: ['schools'],
    forms: ['lecture', 'quiz'], laws: ['minors-protection', 'juvenile-delinquency'],
    departments: ['central-primary-school', 'youth-league', 'judicial-office'], groups: ['youth'], villages: 0,
    audience: [400, 600], leaflets: [100, 200], extra: [{ material: 'giveaway', quantity: [100, 200] }] },
  { month: 6, day: 26, title: '6·26国际禁毒日禁毒宣传', campaign: 'anti-drug-day', location: '镇农贸市场', sixInto: ['villages', 'communities'],
    forms: ['consultation-desk', 'boards', 'handouts'], laws: ['anti-drug', 'public-security-penalties'],
    departments: ['police-station', 'peace-office', 'youth-league'], groups: ['youth', 'farmers'], villages: 3,
    audience: [300, 500], leaflets: [300, 500], extra: [{ material: 'wall-chart', quantity: [10, 20] }] },
  { month: 6, day: 28, title: '禁毒知识进中学', campaign: 'anti-drug-day', location: '镇中学', sixInto: ['schools'],
    forms: ['lecture', 'case-explanation'], laws: ['anti-drug'],
    departments: ['police-station', 'middle-school'], groups: ['youth'], villages: 0,
    audience: [350, 500], leaflets: [100, 150] },
  { month: 9, day: 1, title: '开学法治第一课', campaign: 'first-law-lesson', location: '镇中心小学', sixInto: ['schools'],
    forms: ['lecture'], laws: ['minors-protection', 'road-traffic-safety'],
    departments: ['central-primary-school', 'judicial-office'], groups: ['youth'], villages: 0,
    audience: [450, 600], leaflets: [50, 100] },
  { month: 9, day: 16, title: '网络安全宣传周防范电信诈骗', campaign: 'cybersecurity-week', location: '镇便民服务中心', sixInto: ['organs', 'enterprises'],
    forms: ['new-media', 'handouts'], laws: ['cybersecurity', 'anti-telecom-fraud'],
    departments: ['police-station', 'judicial-office'], groups: ['employees', 'elderly'], villages: 2,
    audience: [200, 350], leaflets: [200, 300] },
  { month: 11, day: 12, title: '农闲时节土地承包法宣讲', location: '村委会', sixInto: ['villages'],
    forms: ['lecture', 'door-to-door'], laws: ['rural-land-contract', 'village-committees'],
    departments: ['judicial-office', 'peace-office'], groups: ['farmers', 'village-cadres'], villages: 3,
    audience: [120, 220], leaflets: [150, 250] },
  { month: 12, day: 2, title: '12·2交通安全日宣传', campaign: 'traffic-safety-day', location: '场镇主街', sixInto: ['villages'],
    forms: ['banners', 'handouts'], laws: ['road-traffic-safety'],
    departments: ['police-station'], groups: ['farmers'], villages: 1,
    audience: [150, 250], leaflets: [150, 250] },
  { month: 12, day: 4, title: '12·4国家宪法日集中宣传', campaign: 'constitution-day', location: '镇文化广场', sixInto: ['organs', 'villages', 'communities'],
    forms: ['consultation-desk', 'performance', 'handouts', 'banners'], laws: ['constitution', 'legal-publicity-education'],
    departments: ['judicial-office', 'peace-office', 'police-station', 'youth-league', 'womens-federation'], groups: ['farmers', 'officials'], villages: 4,
    audience: [500, 800], leaflets: [400, 600], extra: [{ material: 'banner', quantity: [5, 10] }] },
  { month: 12, day: 6, title: '宪法宣传周机关干部学法', campaign: 'constitution-week', location: '镇政府会议室', sixInto: ['organs', 'units'],
    forms: ['lecture'], laws: ['constitution'],
    departments: ['judicial-office'], groups: ['officials'], villages: 0,
    audience: [40, 70], leaflets: [40, 70] },
];

export interface DemoSeedResult {
  countyId: number;
  /** The city above the demo county (示范市): the city leader's. */
  cityId: number;
  provinceId: number;
  townshipId: number;
  events: number;
  planItems: number;
}

/** The documented password of the demo users when DEMO_PASSWORD is not set (README). */
export const DEFAULT_DEMO_PASSWORD = 'pufa-demo-2026';

/** The demo users: an administrator of the county, a clerk and a leader of the township, a leader of the city above, an administrator of the province. */
export async function seedDemoUsers(
  prisma: PrismaClient,
  { countyId, townshipId, cityId, provinceId, password }: { countyId: number; townshipId: number; cityId?: number; provinceId?: number; password: string },
) {
  const passwordHash = await hashPassword(password);
  await prisma.user.createMany({
    data: [
      { username: 'admin', displayName: '系统管理员', role: 'admin', orgUnitId: countyId, passwordHash },
      { username: 'clerk', displayName: '司法所录入员', role: 'clerk', orgUnitId: townshipId, passwordHash },
      { username: 'leader', displayName: '镇领导', role: 'leader', orgUnitId: townshipId, passwordHash },
      ...(cityId === undefined ? [] : [{ username: 'cityleader', displayName: '市司法局领导', role: 'leader' as const, orgUnitId: cityId, passwordHash }]),
      // The top of the demo tree: the shared catalogs and the built-in calendar are the province's.
      ...(provinceId === undefined ? [] : [{ username: 'provinceadmin', displayName: '省司法厅管理员', role: 'admin' as const, orgUnitId: provinceId, passwordHash }]),
    ],
    skipDuplicates: true,
  });
}

/** Creates the demo county, township and events: last year in full and this year up to today. */
export async function seedDemo(db: DatabaseHandle, { today = todayInChina() } = {}): Promise<DemoSeedResult> {
  const { prisma } = db;
  await seedCatalogs(prisma);
  const county = await seedCounty(prisma, { code: 'demo-county', name: '示范县', nameEn: 'Demo County' });
  const { townshipId, villageIds, departmentIds } = await seedTownship(prisma, {
    countyId: county.id,
    code: 'tushi',
    name: '涂市镇',
    nameEn: 'Tushi Town',
    villages: DEMO_VILLAGES.map(([code, name, nameEn]) => ({ code: `tushi-${code}`, name, nameEn })),
    // The demo county started reporting this January: this year's months are due (and late when
    // missed); last year's ledger is there to compare with, not to report.
    reportingFrom: `${yearOf(today)}-01`,
  });

  const [campaigns, departments, forms, laws, groups, materials] = await Promise.all([
    prisma.campaign.findMany({ select: { id: true, code: true } }),
    prisma.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, code: true } }),
    prisma.activityForm.findMany({ select: { id: true, code: true } }),
    prisma.law.findMany({ select: { id: true, code: true } }),
    prisma.targetGroup.findMany({ select: { id: true, code: true } }),
    prisma.materialType.findMany({ select: { id: true, code: true } }),
  ]);
  const idOf = (rows: { id: number; code: string }[]) => {
    const map = new Map(rows.map((r) => [r.code, r.id]));
    return (code: string) => {
      const id = map.get(code);
      if (id === undefined) throw new Error(`Demo data names an unknown code: ${code}`);
      return id;
    };
  };
  const ids = {
    campaign: idOf(campaigns), department: idOf(departments), form: idOf(forms),
    law: idOf(laws), group: idOf(groups), material: idOf(materials),
  };

  const rand = seededRandom(2022);
  const events = createEventRepository(db);
  const thisYear = yearOf(today);
  let created = 0;
  const thisYearsEvents = new Map<DemoEventPlan, { id: number; villageIds: number[] }>();
  for (const year of [thisYear - 1, thisYear]) {
    for (const plan of YEAR_PLAN) {
      const startDate = isoDate(year, plan.month, plan.day);
      if (startDate > today) continue;
      const input: EventCreate = {
        startDate,
        endDate: plan.days ? addDays(startDate, plan.days - 1) : null,
        title: plan.title,
        townshipId,
        campaignId: plan.campaign ? ids.campaign(plan.campaign) : null,
        location: plan.location,
        villageIds: rand.pick(villageIds, plan.villages),
        sixInto: plan.sixInto,
        formIds: plan.forms.map(ids.form),
        lawIds: plan.laws.map(ids.law),
        departmentIds: plan.departments.map(ids.department),
        targetGroupIds: plan.groups.map(ids.group),
        audience: rand.int(...plan.audience),
        consultations: plan.forms.includes('consultation-desk') ? rand.int(10, 40) : 0,
        materials: [
          { materialTypeId: ids.material('leaflet'), quantity: rand.int(...plan.leaflets) },
          ...(plan.extra ?? []).map((e) => ({ materialTypeId: ids.material(e.material), quantity: rand.int(...e.quantity) })),
        ],
        notes: '',
      };
      const event = await events.create(SYSTEM_ACTOR, input);
      if (year === thisYear) thisYearsEvents.set(plan, event);
      created += 1;
    }
  }
  const planItems = await seedDemoPlan(prisma, { townshipId, year: thisYear, villageIds, ids, thisYearsEvents });
  await seedDemoNeighbours(db, { countyId: county.id, today });
  const { cityId, provinceId } = await seedDemoProvince(db, { countyId: county.id, today });
  return { countyId: county.id, cityId, provinceId, townshipId, events: created, planItems };
}

/**
 * This year's plan: an item for every named-day event, linked to the event
 * once it happened. Every third item also targets a village the event missed,
 * so the demo shows done, partly done and (for days still ahead, and one
 * month-only training) not done.
 */
async function seedDemoPlan(
  prisma: PrismaClient,
  { townshipId, year, villageIds, ids, thisYearsEvents }: {
    townshipId: number; year: number; villageIds: number[];
    ids: { campaign: (code: string) => number; department: (code: string) => number };
    thisYearsEvents: Map<DemoEventPlan, { id: number; villageIds: number[] }>;
  },
): Promise<number> {
  const plans = createPlanRepository(prisma);
  let count = 0;
  for (const [index, plan] of YEAR_PLAN.filter((p) => p.campaign).entries()) {
    const event = thisYearsEvents.get(plan);
    const targets = event ? [...event.villageIds] : villageIds.slice(0, plan.villages);
    const missed = villageIds.find((id) => !targets.includes(id));
    if (event && index % 3 === 2 && missed !== undefined) targets.push(missed);
    const item = await plans.create(SYSTEM_ACTOR, {
      townshipId, year, title: plan.title, campaignId: ids.campaign(plan.campaign!),
      targetDate: isoDate(year, plan.month, plan.day), targetMonth: plan.month,
      villageIds: targets, sixInto: plan.sixInto, departmentId: ids.department(plan.departments[0]!),
      targetAudience: plan.audience[0], targetLeaflets: plan.leaflets[0], notes: '',
    });
    if (event) await plans.link(SYSTEM_ACTOR, item.id, event.id);
    count += 1;
  }
  await plans.create(SYSTEM_ACTOR, {
    townshipId, year, title: '村“法律明白人”培训', campaignId: null, targetDate: null, targetMonth: 10,
    villageIds: villageIds.slice(5), sixInto: ['villages'], departmentId: ids.department('judicial-office'),
    targetAudience: 60, targetLeaflets: 100, notes: '',
  });
  return count + 1;
}
