import type { EventListQuery } from '@pufa/domain';

/** all → lists → list(query); all → detail(id): invalidate exactly what changed. */
export const eventKeys = {
  all: ['events'] as const,
  lists: () => [...eventKeys.all, 'list'] as const,
  list: (query: Partial<EventListQuery>) => [...eventKeys.lists(), query] as const,
  detail: (id: number) => [...eventKeys.all, 'detail', id] as const,
};
