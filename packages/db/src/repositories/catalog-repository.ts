// Edits an office makes to its catalogs: its own campaigns, a campaign's dates
// in a given year, its departments.
import { randomUUID } from 'node:crypto';
import {
  childLevel,
  DEFAULT_DEPARTMENTS,
  fieldError,
  isoToDate,
  REFERENCE_MESSAGES,
  type CampaignCreate,
  type CampaignPeriodInput,
  type DepartmentCreate,
  type DepartmentPatch,
  type OrgUnitCreate,
} from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { inScope, type Actor } from '../auth/actor.ts';
import { reachesUnit } from '../auth/subtree.ts';
import { writeAudit } from '../auth/audit.ts';
import { InvalidReferencesError, NotPermittedError } from './errors.ts';

/** A stable slug for an entry an office adds (built-in entries have readable codes). */
const ownCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function createCatalogRepository(prisma: PrismaClient) {
  /** A township outside the actor's scope is refused exactly like one that does not exist. */
  async function requireTownship(actor: Actor, townshipId: number) {
    const township = await prisma.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { id: true } });
    if (!township || !inScope(actor, townshipId)) throw new InvalidReferencesError([fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]))]);
  }

  /**
   * Whether the campaign exists for the actor (false: 404). Built-in campaigns
   * are shared by every township and seen by all: only the top of the tree edits
   * their dates, anyone else is refused (403, NotPermittedError).
   */
  async function mayEditCampaign(actor: Actor, campaignId: number): Promise<boolean> {
    const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { townshipId: true } });
    if (!campaign) return false;
    if (campaign.townshipId !== null) return inScope(actor, campaign.townshipId);
    if (!actor.isTopLevel) {
      throw new NotPermittedError({ zh: '内置宣传节点的日期由县级管理员设置', en: "A built-in campaign's dates are set by a county administrator" });
    }
    return true;
  }

  return {
    async createCampaign(actor: Actor, input: CampaignCreate) {
      await requireTownship(actor, input.townshipId);
      const { rule, ...fields } = input;
      const last = await prisma.campaign.aggregate({ _max: { sortOrder: true } });
      return prisma.$transaction(async (tx) => {
      const campaign = await tx.campaign.create({
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
      await writeAudit(tx, actor, { action: 'create', entity: 'campaign', entityId: campaign.id, townshipId: campaign.townshipId, after: campaign });
      return { id: campaign.id };
      });
    },

    /** Sets (or replaces) the campaign's dates for one year. Returns false when there is no such campaign. */
    async setCampaignPeriod(actor: Actor, campaignId: number, year: number, period: CampaignPeriodInput): Promise<boolean> {
      if (Number(period.startDate.slice(0, 4)) !== year) {
        throw new InvalidReferencesError([fieldError(['startDate'], { zh: `应在 ${year} 年内`, en: `must fall in ${year}` })]);
      }
      if (!(await mayEditCampaign(actor, campaignId))) return false;
      const dates = { startDate: isoToDate(period.startDate), endDate: isoToDate(period.endDate) };
      return prisma.$transaction(async (tx) => {
        const before = await tx.campaignPeriod.findUnique({ where: { campaignId_year: { campaignId, year } } });
        const after = await tx.campaignPeriod.upsert({
          where: { campaignId_year: { campaignId, year } },
          create: { campaignId, year, ...dates },
          update: dates,
        });
        await writeAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'campaignPeriod', entityId: `${campaignId}/${year}`, before, after });
        return true;
      });
    },

    /** Forgets a year's dates, so the yearly rule applies again. Returns false when none were set. */
    async clearCampaignPeriod(actor: Actor, campaignId: number, year: number): Promise<boolean> {
      if (!(await mayEditCampaign(actor, campaignId))) return false;
      return prisma.$transaction(async (tx) => {
        const before = await tx.campaignPeriod.findUnique({ where: { campaignId_year: { campaignId, year } } });
        if (!before) return false;
        await tx.campaignPeriod.delete({ where: { id: before.id } });
        await writeAudit(tx, actor, { action: 'delete', entity: 'campaignPeriod', entityId: `${campaignId}/${year}`, before });
        return true;
      });
    },

    async createDepartment(actor: Actor, input: DepartmentCreate) {
      await requireTownship(actor, input.townshipId);
      const last = await prisma.department.aggregate({ where: { townshipId: input.townshipId }, _max: { sortOrder: true } });
      return prisma.$transaction(async (tx) => {
        const department = await tx.department.create({
          data: { ...input, nameEn: input.nameEn || input.name, code: ownCode('dept'), sortOrder: (last._max.sortOrder ?? 0) + 10 },
        });
        await writeAudit(tx, actor, { action: 'create', entity: 'department', entityId: department.id, townshipId: department.townshipId, after: department });
        return { id: department.id };
      });
    },

    /** Renames or (de)activates a department; returns false when there is no such department in scope. */
    async updateDepartment(actor: Actor, id: number, patch: DepartmentPatch): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const before = await tx.department.findUnique({ where: { id } });
        if (!before || !inScope(actor, before.townshipId)) return false;
        const after = await tx.department.update({ where: { id }, data: patch });
        await writeAudit(tx, actor, { action: 'update', entity: 'department', entityId: id, townshipId: after.townshipId, before, after });
        return true;
      });
    },

    /**
     * Adds a unit one level below its parent (a city under a province, a county under a city, a
     * township under a county, a village under a township), the parent being the actor's own unit
     * or below it. A parent elsewhere, or a village, is refused like an unknown id.
     */
    async createOrgUnit(actor: Actor, input: OrgUnitCreate) {
      const parent = await prisma.orgUnit.findUnique({ where: { id: input.parentId } });
      const level = parent ? childLevel(parent.level) : null;
      const mayAdd = parent && level && (await reachesUnit(prisma, actor, parent.id));
      if (!parent || !level || !mayAdd) throw new InvalidReferencesError([fieldError(['parentId'], REFERENCE_MESSAGES.unknownIds([input.parentId]))]);
      const last = await prisma.orgUnit.aggregate({ where: { parentId: parent.id }, _max: { sortOrder: true } });
      return prisma.$transaction(async (tx) => {
        const unit = await tx.orgUnit.create({
          data: { name: input.name, nameEn: input.nameEn || input.name, level, parentId: parent.id, code: ownCode(level), sortOrder: (last._max.sortOrder ?? 0) + 10 },
        });
        if (level === 'township') {
          await tx.department.createMany({ data: DEFAULT_DEPARTMENTS.map((d, i) => ({ ...d, townshipId: unit.id, sortOrder: (i + 1) * 10 })) });
        }
        await writeAudit(tx, actor, { action: 'create', entity: 'orgUnit', entityId: unit.id, townshipId: level === 'township' ? unit.id : level === 'village' ? parent.id : null, after: unit });
        return { id: unit.id };
      });
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
