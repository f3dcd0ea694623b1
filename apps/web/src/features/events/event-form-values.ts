// Between the form's values (dayjs dates, empty inputs) and the API's event JSON.
import dayjs, { type Dayjs } from 'dayjs';
import type { Event, EventCreate } from '@pufa/domain';

export interface MaterialLineValues {
  materialTypeId?: number;
  quantity?: number | null;
}

export interface EventFormValues {
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  townshipId?: number;
  title: string;
  campaignId?: number | null;
  location: string;
  villageIds: number[];
  sixInto: string[];
  formIds: number[];
  lawIds: number[];
  departmentIds: number[];
  targetGroupIds: number[];
  audience: number | null;
  consultations: number | null;
  materials: MaterialLineValues[];
  notes: string;
}

export function emptyFormValues(townshipId?: number): EventFormValues {
  return {
    startDate: null, endDate: null, townshipId, title: '', campaignId: null, location: '',
    villageIds: [], sixInto: [], formIds: [], lawIds: [], departmentIds: [], targetGroupIds: [],
    audience: null, consultations: null, materials: [{}], notes: '',
  };
}

export function eventToFormValues(event: Event): EventFormValues {
  return {
    ...event,
    startDate: dayjs(event.startDate),
    endDate: event.endDate ? dayjs(event.endDate) : null,
    materials: event.materials.length ? event.materials : [{}],
  };
}

/**
 * The payload to validate and send. A material line left completely empty is
 * dropped (it is the blank line the form offers); a half-filled one is kept so
 * validation names what is missing instead of losing what was typed.
 */
export function formValuesToPayload(values: EventFormValues): EventCreate {
  return {
    startDate: values.startDate?.format('YYYY-MM-DD') as string,
    endDate: values.endDate ? values.endDate.format('YYYY-MM-DD') : null,
    townshipId: values.townshipId as number,
    title: values.title ?? '',
    campaignId: values.campaignId ?? null,
    location: values.location ?? '',
    villageIds: values.villageIds ?? [],
    sixInto: values.sixInto ?? [],
    formIds: values.formIds ?? [],
    lawIds: values.lawIds ?? [],
    departmentIds: values.departmentIds ?? [],
    targetGroupIds: values.targetGroupIds ?? [],
    audience: values.audience ?? 0,
    consultations: values.consultations ?? 0,
    materials: (values.materials ?? [])
      .filter((line) => line.materialTypeId !== undefined || (line.quantity !== undefined && line.quantity !== null))
      .map((line) => ({ materialTypeId: line.materialTypeId as number, quantity: line.quantity as number })),
    notes: values.notes ?? '',
  };
}

/** 'materials.0.quantity' → ['materials', 0, 'quantity'], the form's name path. */
export function fieldNamePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
