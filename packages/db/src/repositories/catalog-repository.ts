// Edits an office makes to its catalogs: its own campaigns, a campaign's dates
// in a given year, its departments.
import { randomUUID } from 'node:crypto';
import { fieldError, isoToDate, REFERENCE_MESSAGES, type CampaignCreate, type CampaignPeriodInput, type DepartmentCreate, type DepartmentPatch } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { InvalidReferencesError } from './errors.ts';

/** A stable slug for an entry an office adds (built-in entries have readable codes). */
const ownCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function createCatalogRepository(prisma: PrismaClient) {
  async function requireTownship(townshipId: number) {
    const township = await prisma.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { id: true } });
    if (!township) throw new InvalidReferencesError([fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]))]);
  }

  return {
    async createCampaign(input: CampaignCreate) {
      await requireTownship(input.townshipId);
      const { rule, ...fields } = input;
      const last = await prisma.campaign.aggregate({ _max: { sortOrder: true } });
      const campaign = await prisma.campaign.create({
        data: {
          ...fields,
          nameEn: input.nameEn || input.name,
          code: ownCode('own'),
          isBuiltin: false,
          sortOrder: (last._max.sortOrder ?? 0) + 10,
          startMonth: rule?.startMonth ?? null,
          startDay: rule?.startDay ?? null,
          endMonth: rule?.endMonth ?? null,
          endDay: rule?.endDay ?? null,
        },
      });
      return { id: campaign.id };
    },

    /** Sets (or replaces) the campaign's dates for one year. Returns false when there is no such campaign. */
    async setCampaignPeriod(campaignId: number, year: number, period: CampaignPeriodInput): Promise<boolean> {
      if (Number(period.startDate.slice(0, 4)) !== year) {
        throw new InvalidReferencesError([fieldError(['startDate'], { zh: `应在 ${year} 年内`, en: `must fall in ${year}` })]);
      }
      const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
      if (!campaign) return false;
      const dates = { startDate: isoToDate(period.startDate), endDate: isoToDate(period.endDate) };
      await prisma.campaignPeriod.upsert({
        where: { campaignId_year: { campaignId, year } },
        create: { campaignId, year, ...dates },
        update: dates,
      });
      return true;
    },

    /** Forgets a year's dates, so the yearly rule applies again. Returns false when none were set. */
    async clearCampaignPeriod(campaignId: number, year: number): Promise<boolean> {
      const { count } = await prisma.campaignPeriod.deleteMany({ where: { campaignId, year } });
      return count > 0;
    },

    async createDepartment(input: DepartmentCreate) {
      await requireTownship(input.townshipId);
      const last = await prisma.department.aggregate({ where: { townshipId: input.townshipId }, _max: { sortOrder: true } });
      const department = await prisma.department.create({
        data: { ...input, nameEn: input.nameEn || input.name, code: ownCode('dept'), sortOrder: (last._max.sortOrder ?? 0) + 10 },
      });
      return { id: department.id };
    },

    /** Renames or (de)activates a department; returns false when there is no such department. */
    async updateDepartment(id: number, patch: DepartmentPatch): Promise<boolean> {
      const { count } = await prisma.department.updateMany({ where: { id }, data: patch });
      return count > 0;
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
