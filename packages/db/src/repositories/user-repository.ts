// Accounts. Admins manage the users of their own scope; the password hash
// never leaves this module.
import { fieldError, REFERENCE_MESSAGES, type OrgUnitLevel, type Role, type User, type UserCreate, type UserPatch } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/actor.ts';
import { writeAudit } from '../auth/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { unitsInScope } from '../auth/subtree.ts';
import { InvalidReferencesError } from './errors.ts';

type UserRow = { id: number; username: string; displayName: string; role: User['role']; orgUnitId: number; isActive: boolean; createdAt: Date; updatedAt: Date };

export const toUserJson = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  orgUnitId: row.orgUnitId,
  isActive: row.isActive,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const publicFields = { id: true, username: true, displayName: true, role: true, orgUnitId: true, isActive: true, createdAt: true, updatedAt: true } as const;

/** For the audit log: what changed, never the hash. */
const auditView = (user: User) => ({ username: user.username, displayName: user.displayName, role: user.role, orgUnitId: user.orgUnitId, isActive: user.isActive });

export function createUserRepository(prisma: PrismaClient) {
  /**
   * The org units an actor may place users in: their own and everything below it, at any depth
   * (a city admin creates county admins; a county admin never a city's user).
   */
  const orgUnitsInScope = (actor: Actor): Promise<number[] | 'all'> => unitsInScope(prisma, actor);

  async function checkOrgUnit(actor: Actor, orgUnitId: number) {
    const allowed = await orgUnitsInScope(actor);
    const exists = await prisma.orgUnit.count({ where: { id: orgUnitId } });
    if (!exists || (allowed !== 'all' && !allowed.includes(orgUnitId))) {
      throw new InvalidReferencesError([fieldError(['orgUnitId'], REFERENCE_MESSAGES.unknownIds([orgUnitId]))]);
    }
  }

  async function findInScope(actor: Actor, id: number) {
    const allowed = await orgUnitsInScope(actor);
    return prisma.user.findFirst({
      where: { id, ...(allowed === 'all' ? {} : { orgUnitId: { in: allowed } }) },
      select: publicFields,
    });
  }

  return {
    /**
     * The user as they are now, for work done later on their behalf (a background job): whether the
     * account is active, and the actor their sessions resolve to (role, org unit, townships in scope).
     * null when the user no longer exists.
     */
    async acting(userId: number): Promise<{ isActive: boolean; orgUnitLevel: OrgUnitLevel; actor: Actor } | null> {
      const [row] = await prisma.$queryRaw<{ id: number; role: Role; org_unit_id: number; is_active: boolean; is_top_level: boolean; org_unit_level: OrgUnitLevel; township_ids: number[] }[]>`
        SELECT u.id, u.role::text AS role, u.org_unit_id, u.is_active, o.parent_id IS NULL AS is_top_level, o.level::text AS org_unit_level,
               CASE o.level WHEN 'township' THEN ARRAY[o.id] WHEN 'village' THEN ARRAY[o.parent_id]
                    ELSE ARRAY(SELECT t.id FROM pufa_org_subtree(o.id) t WHERE t.level = 'township' ORDER BY t.id) END AS township_ids
        FROM app_user u JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.id = ${userId}::int`;
      if (!row) return null;
      return {
        isActive: row.is_active,
        orgUnitLevel: row.org_unit_level,
        actor: { userId: row.id, role: row.role, orgUnitId: row.org_unit_id, townshipIds: row.township_ids, isTopLevel: row.is_top_level },
      };
    },

    orgUnitsInScope,

    async list(actor: Actor): Promise<User[]> {
      const allowed = await orgUnitsInScope(actor);
      const rows = await prisma.user.findMany({
        where: allowed === 'all' ? {} : { orgUnitId: { in: allowed } },
        orderBy: [{ orgUnitId: 'asc' }, { username: 'asc' }],
        select: publicFields,
      });
      return rows.map(toUserJson);
    },

    async get(actor: Actor, id: number): Promise<User | null> {
      const row = await findInScope(actor, id);
      return row ? toUserJson(row) : null;
    },

    async create(actor: Actor, input: UserCreate): Promise<User> {
      await checkOrgUnit(actor, input.orgUnitId);
      if (await prisma.user.count({ where: { username: input.username } })) {
        throw new InvalidReferencesError([fieldError(['username'], { zh: '已被使用', en: 'is already taken' })]);
      }
      const passwordHash = await hashPassword(input.password);
      return prisma.$transaction(async (tx) => {
        const row = await tx.user.create({
          data: { username: input.username, displayName: input.displayName, role: input.role, orgUnitId: input.orgUnitId, passwordHash },
          select: publicFields,
        });
        const user = toUserJson(row);
        await writeAudit(tx, actor, { action: 'create', entity: 'user', entityId: user.id, after: auditView(user) });
        return user;
      });
    },

    /** Returns null when the user is not in the actor's scope. A password reset or a disable ends the user's sessions. */
    async update(actor: Actor, id: number, patch: UserPatch): Promise<User | null> {
      const current = await findInScope(actor, id);
      if (!current) return null;
      if (patch.orgUnitId !== undefined) await checkOrgUnit(actor, patch.orgUnitId);
      const { password, ...fields } = patch;
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      return prisma.$transaction(async (tx) => {
        const row = await tx.user.update({ where: { id }, data: { ...fields, passwordHash }, select: publicFields });
        if (passwordHash || patch.isActive === false || patch.role || patch.orgUnitId) {
          await tx.session.deleteMany({ where: { userId: id } });
        }
        const before = toUserJson(current);
        const after = toUserJson(row);
        await writeAudit(tx, actor, {
          action: 'update',
          entity: 'user',
          entityId: id,
          before: auditView(before),
          after: { ...auditView(after), ...(passwordHash ? { passwordReset: true } : {}) },
        });
        return after;
      });
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;

