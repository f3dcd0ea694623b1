import { PageTitle } from '../components/page-title.tsx';
import { Alert, Button, Flex, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../config/paths.ts';
import { useEvents } from '../features/events/api/get-events.ts';
import { EventFilters } from '../features/events/components/event-filters.tsx';
import { EventTable } from '../features/events/components/event-table.tsx';
import { EventTotals } from '../features/events/components/event-totals.tsx';
import { useListParams } from '../features/events/use-list-params.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useLookups } from '../features/reference/use-lookups.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DownloadButton } from '../features/exports/components/download-button.tsx';
import { UpcomingDays } from '../features/plans/components/upcoming-days.tsx';
import { useOutbox } from '../offline/outbox-store.ts';
import { mergeQueued } from '../offline/outbox-logic.ts';

export function EventsListRoute() {
  const { t, i18n } = useTranslation();
  const { params, update, clear, hasFilter } = useListParams();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const events = useEvents(params);
  const outbox = useOutbox();
  const villagesTotal = params.villageId
    ? 1
    : params.townshipId
      ? lookups.villagesOf(params.townshipId).length
      : lookups.townships.reduce((n, township) => n + township.children.length, 0);
  const error = events.error ?? reference.error;
  const { canEdit, user } = usePermissions();
  // Reminders are per township: shown for a one-township user (known from the session, so the card
  // is drawn at once and nothing below it moves) or when the list is filtered to one.
  // What waits on the device shows in the ledger too, marked 待同步.
  const mine = outbox.filter((item) => item.userId === user?.id);
  const ledger = events.data ? mergeQueued(events.data, mine, params) : undefined;
  const reminderTownshipId = params.townshipId ?? (user?.townshipIds.length === 1 ? user.townshipIds[0] : undefined);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('list.title')}</PageTitle>
        <Space wrap>
          {/* Exactly the events on screen: the list's own filters. */}
          <DownloadButton path="/exports/ledger.csv" query={{ ...params, page: undefined, pageSize: undefined, sort: undefined }} testId="list-csv">{t('exports.exportCsv')}</DownloadButton>
          {canEdit() && (
            <Link to={paths.newEvent}>
              <Button type="primary" icon={<PlusOutlined />}>{t('list.newEvent')}</Button>
            </Link>
          )}
        </Space>
      </Flex>
      {reminderTownshipId && <UpcomingDays townshipId={reminderTownshipId} lookups={lookups} />}
      <EventFilters reference={reference.data} params={params} onChange={update} onClear={clear} hasFilter={hasFilter} />
      {error && (
        <Alert
          type="error"
          showIcon
          message={error instanceof ApiRequestError ? error.messageIn(i18n.language) : t('common.loadFailed')}
          action={<Button size="small" onClick={() => void events.refetch()}>{t('common.retry')}</Button>}
        />
      )}
      <EventTotals totals={events.data?.totals} villagesTotal={villagesTotal} loading={events.isLoading} />
      <EventTable
        events={ledger?.items ?? []}
        total={ledger?.total ?? 0}
        page={params.page ?? 1}
        pageSize={params.pageSize ?? 20}
        sort={params.sort ?? '-startDate'}
        loading={events.isFetching}
        lookups={lookups}
        onPageChange={(page, pageSize) => update({ page, pageSize })}
        onSortChange={(sort) => update({ sort })}
      />
    </Space>
  );
}
