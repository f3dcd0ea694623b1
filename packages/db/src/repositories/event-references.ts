// Checks that every id an event names exists, is active where it must be, and
// belongs to the event's township (villages, departments, an office's own campaign).
import { fieldError, REFERENCE_MESSAGES, type FieldError } from '@pufa/domain';
import type { Prisma } from '../generated/prisma/client.ts';

export interface EventReferences {
  townshipId: number;
  campaignId?: number | null | undefined;
  villageIds?: readonly number[] | undefined;
  sixInto?: readonly string[] | undefined;
  formIds?: readonly number[] | undefined;
  lawIds?: readonly number[] | undefined;
  departmentIds?: readonly number[] | undefined;
  targetGroupIds?: readonly number[] | undefined;
  materials?: readonly { materialTypeId: number }[] | undefined;
}

type Tx = Prisma.TransactionClient;

function missing<T>(wanted: readonly T[] | undefined, found: readonly T[]): T[] {
  const present = new Set(found);
  return [...new Set(wanted ?? [])].filter((id) => !present.has(id));
}

export async function findInvalidReferences(tx: Tx, refs: EventReferences): Promise<FieldError[]> {
  const { townshipId } = refs;
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  const errors: FieldError[] = [];
  const report = (field: string, bad: readonly (number | string)[]) => {
    if (bad.length > 0) errors.push(fieldError([field], REFERENCE_MESSAGES.unknownIds(bad)));
  };

  const township = await tx.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { id: true } });
  if (!township) {
    report('townshipId', [townshipId]);
    return errors; // everything else is judged against the township
  }
  // One after another: a transaction is one connection, which runs one query at a time.
  const campaigns = refs.campaignId
    ? await tx.campaign.findMany({ where: { id: refs.campaignId, OR: [{ townshipId: null }, { townshipId }] }, select: { id: true } })
    : [];
  const villages = await tx.orgUnit.findMany({ where: { id: { in: [...(refs.villageIds ?? [])] }, parentId: townshipId, level: 'village' }, select: { id: true } });
  const categories = await tx.sixIntoCategory.findMany({ where: { code: { in: [...(refs.sixInto ?? [])] } }, select: { code: true } });
  const forms = await tx.activityForm.findMany({ where: { id: { in: [...(refs.formIds ?? [])] } }, select: { id: true } });
  const laws = await tx.law.findMany({ where: { id: { in: [...(refs.lawIds ?? [])] } }, select: { id: true } });
  const departments = await tx.department.findMany({ where: { id: { in: [...(refs.departmentIds ?? [])] }, townshipId }, select: { id: true } });
  const groups = await tx.targetGroup.findMany({ where: { id: { in: [...(refs.targetGroupIds ?? [])] } }, select: { id: true } });
  const materialTypes = await tx.materialType.findMany({ where: { id: { in: (refs.materials ?? []).map((m) => m.materialTypeId) } }, select: { id: true } });
  if (refs.campaignId) report('campaignId', missing([refs.campaignId], ids(campaigns)));
  report('villageIds', missing(refs.villageIds, ids(villages)));
  report('sixInto', missing(refs.sixInto, categories.map((c) => c.code)));
  report('formIds', missing(refs.formIds, ids(forms)));
  report('lawIds', missing(refs.lawIds, ids(laws)));
  report('departmentIds', missing(refs.departmentIds, ids(departments)));
  report('targetGroupIds', missing(refs.targetGroupIds, ids(groups)));
  report('materials', missing(refs.materials?.map((m) => m.materialTypeId), ids(materialTypes)));
  return errors;
}
