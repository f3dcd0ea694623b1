// The home page's reminder: named days and planned work in the next 14 days,
// with what is planned for each and what is still missing.
import { Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';
import { useCalendar } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';

const HORIZON_DAYS = 14;

export function UpcomingDays({ townshipId, lookups }: { townshipId: number; lookups: Lookups }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const today = dayjs().format('YYYY-MM-DD');
  const until = dayjs().add(HORIZON_DAYS, 'day').format('YYYY-MM-DD');
  const calendar = useCalendar(townshipId, today, until);
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
  if (!calendar.data) return card(<Skeleton active title={false} paragraph={{ rows: 3 }} />);
  const { namedDays, planItems } = calendar.data;
  // A named day already under way (e.g. a week that started yesterday) still counts as upcoming.
  const days = namedDays.filter((d) => d.startDate >= today || d.endDate >= today).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const planned = (campaignId: number) => planItems.filter((item) => item.campaignId === campaignId);
  const otherPlanned = planItems.filter((item) => item.targetDate && item.targetDate >= today && item.targetDate <= until && !days.some((d) => d.campaignId === item.campaignId));
  const inDays = (date: string) => {
    const n = dayjs(date).diff(dayjs(today), 'day');
    return n <= 0 ? t('calendar.isToday') : t('calendar.daysLeft', { count: n });
  };
  const rows = [
    ...days.map((d) => ({ key: `n${d.campaignId}`, date: d.startDate, title: nameOf(lookups.campaignById.get(d.campaignId)), items: planned(d.campaignId), named: true })),
    ...otherPlanned.map((item) => ({ key: `p${item.id}`, date: item.targetDate!, title: item.title, items: [item], named: false })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return card(
    <>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('calendar.upcomingEmpty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(row) => (
            <List.Item>
              <Space wrap size={4}>
                <Typography.Text strong>{row.date.slice(5).replace('-', '.')}</Typography.Text>
                <Typography.Text type="secondary">({inDays(row.date)})</Typography.Text>
                {row.named ? <Tag color="red">{row.title}</Tag> : <Typography.Text>{row.title}</Typography.Text>}
                {row.items.length === 0 ? (
                  <Tag color="orange">{t('calendar.notPlanned')}</Tag>
                ) : (
                  row.items.map((item) => (
                    <Space key={item.id} size={2}>
                      {row.named && <Typography.Text type="secondary">{t('calendar.plannedItems')}{item.title}</Typography.Text>}
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
