// Accounts and sessions as the API accepts and returns them.
import { z } from 'zod';
import { idSchema, optionalText, queryIdSchema, queryIntSchema, requiredText } from './common.ts';
import { ROLES } from '../vocabulary.ts';
import { ORG_UNIT_LEVELS } from '../org-units.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

const usernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN);
const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const LoginSchema = z
  .strictObject({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(PASSWORD_MAX) })
  .meta({ id: 'Login' });
export type Login = z.infer<typeof LoginSchema>;

/** Who a user is, as both the session and the user list show it. */
const userIdentity = {
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgUnitId: idSchema,
};

export const SessionUserSchema = z
  .object({
    ...userIdentity,
    /** The townships this user may see (their org unit and everything below it). */
    townshipIds: z.array(idSchema),
    /** At the top of the org-unit tree (a province, or a county without a parent): may edit what every township shares. */
    isTopLevel: z.boolean(),
    /** The level of the user's org unit: a county's users review submissions, a city's read its counties. */
    orgUnitLevel: z.enum(ORG_UNIT_LEVELS),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const UserSchema = z
  .object({
    ...userIdentity,
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: requiredText(100),
    password: passwordSchema,
    role: z.enum(ROLES),
    orgUnitId: idSchema,
  })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserPatchSchema = z
  .strictObject({
    displayName: requiredText(100).optional(),
    role: z.enum(ROLES).optional(),
    orgUnitId: idSchema.optional(),
    isActive: z.boolean().optional(),
    /** An administrator's password reset; the user's sessions end. */
    password: passwordSchema.optional(),
  })
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof UserPatchSchema>;

export const AUDIT_ENTITIES = ['event', 'user', 'department', 'campaign', 'campaignPeriod', 'orgUnit', 'catalogEntry', 'planItem', 'importBatch', 'importProfile', 'submission', 'eventFile'] as const;
/** submit, approve and return: the steps of a submission (上报、通过、退回). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'submit', 'approve', 'return'] as const;

export const AuditEntrySchema = z
  .object({
    id: idSchema,
    at: z.string(),
    userId: idSchema.nullable(),
    userName: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    entity: z.enum(AUDIT_ENTITIES),
    entityId: z.string(),
    townshipId: idSchema.nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  entity: z.enum(AUDIT_ENTITIES).optional(),
  entityId: z.string().trim().max(64).optional(),
  userId: queryIdSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  page: queryIntSchema(1, 100_000).default(1),
  pageSize: queryIntSchema(1, 200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const OrgUnitCreateSchema = z
  .strictObject({
    parentId: idSchema,
    name: requiredText(100),
    nameEn: optionalText(100).optional(),
  })
  .meta({ id: 'OrgUnitCreate' });
export type OrgUnitCreate = z.infer<typeof OrgUnitCreateSchema>;
