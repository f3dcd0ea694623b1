import { PageTitle } from '../components/page-title.tsx';
import { useState } from 'react';
import { Badge, Calendar, Card, Flex, List, Radio, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { useCalendar } from '../features/plans/api/plans.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { entriesInMonth, entriesOn, type DayEntries } from '../features/plans/calendar-entries.ts';
import { PlanStatusTag } from '../features/plans/components/plan-status-tag.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { TownshipSelect } from '../features/reference/components/township-select.tsx';
import { useCatalogName, useLookups } from '../features/reference/use-lookups.ts';
import { LoadError } from './load-error.tsx';

const STATUS_BADGE = { done: 'success', partial: 'warning', notDone: 'default' } as const;

export function CalendarRoute() {
  const { t } = useTranslation();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const nameOf = useCatalogName();
  const [chosen, setChosen] = useState<number>();
  // The month shown lives in the URL (?month=2026-06), so a day can be linked to and bookmarked.
  const [search, setSearch] = useSearchParams();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(search.get('month') ?? '') ? search.get('month') : null;
  const fromUrl = dayjs(month ? `${month}-01` : 'invalid');
  const [day, setDay] = useState<Dayjs>(() => (fromUrl.isValid() ? fromUrl : dayjs()));
  const value = fromUrl.isValid() && !fromUrl.isSame(day, 'month') ? fromUrl : day;
  const setValue = (date: Dayjs) => {
    setDay(date);
    setSearch((s) => { s.set('month', date.format('YYYY-MM')); return s; }, { replace: true });
  };
  const townshipId = chosen ?? lookups.townships[0]?.id;
  // On a phone the month grid is too narrow for names: a compact grid with dots, and the month as a list below.
  const isPhone = useIsPhone();
  // One query per displayed year serves both the month and the year view.
  const year = value.year();
  const calendar = useCalendar(townshipId, `${year}-01-01`, `${year}-12-31`);

  if (reference.error ?? calendar.error) return <LoadError error={(reference.error ?? calendar.error)!} onRetry={() => void calendar.refetch()} />;
  if (!reference.data) return <Spin />;

  const renderEntries = ({ namedDays, planItems, events }: DayEntries, compact: boolean) => (
    <div className="calendar-cell">
      {namedDays.map((d) => (
        <Tag key={`n${d.campaignId}${d.startDate}`} color="red" className="calendar-tag">{nameOf(lookups.campaignById.get(d.campaignId))}</Tag>
      ))}
      {planItems.map((item) => (
        <div key={`p${item.id}`} data-testid={`plan-${item.id}`} data-status={item.status}>
          <Badge status={STATUS_BADGE[item.status]} text={<Typography.Text className="calendar-text">{compact ? '' : `${t('calendar.planned')}: `}{item.title}</Typography.Text>} />
        </div>
      ))}
      {events.map((e) => (
        <div key={`e${e.id}`}>
          <Link to={paths.event(e.id)} className="calendar-text">● {e.title}</Link>
        </div>
      ))}
    </div>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('calendar.title')}</PageTitle>
        <TownshipSelect lookups={lookups} value={townshipId} onChange={setChosen} />
      </Flex>
      <Space wrap size={4}>
        <Tag color="red">{t('calendar.namedDay')}</Tag>
        {(['done', 'partial', 'notDone'] as const).map((s) => <PlanStatusTag key={s} status={s} />)}
        <Typography.Text type="secondary">● {t('calendar.event')}</Typography.Text>
      </Space>
      <Card size="small" loading={calendar.isLoading}>
        <Calendar
          value={value}
          onPanelChange={(date) => setValue(date)}
          onSelect={(date) => setValue(date)}
          fullscreen={!isPhone}
          // Ant Design's own header has unnamed year and month selects: the same controls, named.
          headerRender={({ value: shown, type, onChange, onTypeChange }) => (
            <Flex gap={8} justify="flex-end" wrap style={{ padding: 8 }}>
              <Select
                aria-label={t('calendar.pickYear')}
                value={shown.year()}
                onChange={(y: number) => onChange(shown.year(y))}
                options={Array.from({ length: 21 }, (_, i) => shown.year() - 10 + i).map((y) => ({ value: y, label: String(y) }))}
                style={{ width: 90 }}
              />
              {type === 'month' && (
                <Select
                  aria-label={t('calendar.pickMonth')}
                  value={shown.month()}
                  onChange={(m: number) => onChange(shown.month(m))}
                  options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: t('plans.month', { month: m + 1 }) }))}
                  style={{ width: 100 }}
                />
              )}
              <Radio.Group
                value={type}
                onChange={(e) => onTypeChange(e.target.value as 'month' | 'year')}
                optionType="button"
                options={[{ value: 'month', label: t('calendar.month') }, { value: 'year', label: t('calendar.year') }]}
              />
            </Flex>
          )}
          cellRender={(date, info) => {
            if (isPhone) {
              const entries = info.type === 'date' ? entriesOn(calendar.data, date.format('YYYY-MM-DD')) : entriesInMonth(calendar.data, date.year(), date.month() + 1);
              const busy = entries.namedDays.length + entries.planItems.length + entries.events.length > 0;
              return busy ? <div className="calendar-dot" style={{ background: entries.namedDays.length ? '#f5222d' : '#1677ff' }} /> : null;
            }
            if (info.type === 'date') return renderEntries(entriesOn(calendar.data, date.format('YYYY-MM-DD')), true);
            if (info.type === 'month') {
              const entries = entriesInMonth(calendar.data, date.year(), date.month() + 1);
              return (
                <Tooltip title={`${t('calendar.event')}: ${entries.events.length}`}>
                  {/* The count first: a busy month's cell cuts off what comes last. */}
                  {entries.events.length > 0 && <Typography.Text type="secondary" className="calendar-text">● {t('calendar.event')} × {entries.events.length}</Typography.Text>}
                  {renderEntries({ ...entries, events: [] }, true)}
                </Tooltip>
              );
            }
            return info.originNode;
          }}
        />
      </Card>
      {isPhone && <MonthAgenda entries={entriesInMonth(calendar.data, value.year(), value.month() + 1)} render={(entries) => renderEntries(entries, false)} />}
    </Space>
  );
}

/** The displayed month as a list of days, for narrow screens. */
function MonthAgenda({ entries, render }: { entries: DayEntries; render: (entries: DayEntries) => React.ReactNode }) {
  const dates = [
    ...new Set([...entries.namedDays.map((d) => d.startDate), ...entries.planItems.map((p) => p.targetDate ?? ''), ...entries.events.map((e) => e.startDate)]),
  ]
    .filter(Boolean)
    .sort();
  const on = (date: string): DayEntries => ({
    namedDays: entries.namedDays.filter((d) => d.startDate === date),
    planItems: entries.planItems.filter((p) => p.targetDate === date),
    events: entries.events.filter((e) => e.startDate === date),
  });
  return (
    <Card size="small">
      <List
        size="small"
        dataSource={dates}
        renderItem={(date) => (
          <List.Item>
            <Space align="start">
              <Typography.Text strong>{date.slice(5).replace('-', '.')}</Typography.Text>
              {render(on(date))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
