// The home page's reminder: named days and planned work in the next 14 days,
// with what is planned for each and what is still missing.
import { Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reminderWindow, todayInChina, upcomingReminders, type Reminder, type PlanItem } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';
import { useCalendar } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';

const shortDate = (date: string) => date.slice(5).replace('-', '.');

export function UpcomingDays({ townshipId, lookups }: { townshipId: number; lookups: Lookups }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const today = todayInChina();
  // From the start of any named period still running (its plan items before today count) to the horizon.
  // Read only once the campaigns are known: a window from today alone would show a running week's
  // plan items as 尚未计划 until the wider window arrived.
  const campaignsKnown = lookups.campaignById.size > 0;
  const { from, to } = useMemo(() => reminderWindow(today, [...lookups.campaignById.values()]), [today, lookups.campaignById]);
  const calendar = useCalendar(campaignsKnown ? townshipId : undefined, from, to);
  const card = (body: React.ReactNode) => (
    <Card
      size="small"
      data-testid="upcoming"
      title={<Space><BellOutlined />{t('calendar.upcoming')}</Space>}
      extra={<Link to={paths.calendar}>{t('calendar.title')}</Link>}
      // While loading, room for the days (styles.css) so the page below does not jump when they
      // arrive; once loaded, only as tall as what it says (no empty space above the ledger on a phone).
      className={calendar.data ? 'upcoming-card' : 'upcoming-card upcoming-card-loading'}
    >
      {body}
    </Card>
  );
  // Offline with no copy of this window on the device (or the server refused): say so, never spin for ever.
  if (!calendar.data && calendar.isError) return card(<Typography.Text type="secondary" data-testid="upcoming-unavailable">{t('calendar.upcomingUnavailable')}</Typography.Text>);
  if (!calendar.data) return card(<Skeleton active title={false} paragraph={{ rows: 3 }} />);
  const rows = upcomingReminders(today, calendar.data.namedDays, calendar.data.planItems);
  const when = (row: Reminder<PlanItem>) =>
    row.timing === 'ongoing' ? t('calendar.ongoing') : row.timing === 'today' ? t('calendar.isToday') : t('calendar.daysLeft', { count: row.daysAhead });
  return card(
    <>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('calendar.upcomingEmpty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={rows}
          rowKey={(row) => (row.campaignId === null ? `p${row.items[0]!.id}` : `n${row.campaignId}-${row.startDate}`)}
          renderItem={(row) => (
            <List.Item data-timing={row.timing}>
              <Space wrap size={4}>
                <Typography.Text strong>{shortDate(row.startDate)}{row.endDate !== row.startDate && `–${shortDate(row.endDate)}`}</Typography.Text>
                <Typography.Text type="secondary">({when(row)})</Typography.Text>
                {row.campaignId !== null ? <Tag color="red">{nameOf(lookups.campaignById.get(row.campaignId))}</Tag> : <Typography.Text>{row.items[0]!.title}</Typography.Text>}
                {row.items.length === 0 ? (
                  <Tag color="orange">{t('calendar.notPlanned')}</Tag>
                ) : (
                  row.items.map((item) => (
                    <Space key={item.id} size={2}>
                      {row.campaignId !== null && <Typography.Text type="secondary">{t('calendar.plannedItems')}{item.title}</Typography.Text>}
                      <PlanStatusTag status={item.status} />
                    </Space>
                  ))
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </>,
  );
}
