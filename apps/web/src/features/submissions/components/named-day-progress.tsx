// Above the county: the units one level down × the named days of the year, each cell how many of
// the unit's townships held an event of the day, of all its townships; a unit's name opens its view.
import { useEffect, useRef } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NamedDayProgress as Progress } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { useIsPhone } from '../../../lib/use-is-phone.ts';
import { STATUS_STYLES } from './period-status-tag.tsx';

type Row = Progress['rows'][number];

/** Green when every township asked acted, red when none did, amber in between, dashed when none was asked. */
function styleOf(marked: number, required: number): React.CSSProperties {
  if (required === 0) return marked > 0 ? STATUS_STYLES.approved : STATUS_STYLES.notRequired;
  if (marked >= required) return STATUS_STYLES.approved;
  return marked === 0 ? STATUS_STYLES.late : STATUS_STYLES.returned;
}

export function NamedDayProgress({ progress, loading, hrefOf }: { progress: Progress | undefined; loading: boolean; hrefOf: (unitId: number) => string }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  // As the county's matrix: the scrolling area takes the focus, so the arrow keys scroll it (WCAG 2.1.1).
  const wrapper = useRef<HTMLDivElement>(null);
  const label = t('submissions.namedDays');
  useEffect(() => {
    const scroller = wrapper.current?.querySelector<HTMLElement>('.ant-table-content, .ant-table-body');
    if (!scroller) return;
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', label);
  });
  const phone = useIsPhone();
  const rows = progress?.rows ?? [];
  const days = progress?.days ?? [];
  const tag = (row: Row, index: number, campaignId: number) => {
    const marked = row.marked[index] ?? 0;
    return (
      <Tag style={{ ...styleOf(marked, row.required[index] ?? 0), marginInlineEnd: 0 }} data-testid={`days-${row.id}-${campaignId}`}>
        {t('submissions.unitProgress.days', { marked, townships: row.townships })}
      </Tag>
    );
  };
  if (phone) {
    // A phone: each unit a card listing its named days, no sideways scrolling.
    return (
      <Flex vertical gap={8} data-testid="named-day-progress">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('submissions.unitProgress.legendDays')}</Typography.Paragraph>
        {rows.map((row) => (
          <Card key={row.id} size="small" loading={loading && !progress} title={<Link to={hrefOf(row.id)}>{english ? row.nameEn : row.name}</Link>}>
            <ul className="progress-days">
              {days.map((day, index) => (
                <li key={day.campaignId}>
                  <span>{english ? day.nameEn : day.name}</span>
                  {tag(row, index, day.campaignId)}
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </Flex>
    );
  }
  const level = rows[0]?.level === 'city' ? 'city' : rows[0]?.level === 'township' ? 'township' : 'county';
  return (
    <div ref={wrapper}>
      <Typography.Paragraph type="secondary">{t('submissions.unitProgress.legendDays')}</Typography.Paragraph>
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={loading}
        dataSource={rows}
        data-testid="named-day-progress"
        columns={[
          {
            key: 'unit',
            title: progress ? t(`submissions.unitProgress.unit.${level}`) : '',
            fixed: 'left',
            render: (_, row) => <Link to={hrefOf(row.id)}>{english ? row.nameEn : row.name}</Link>,
          },
          ...days.map((day, index) => ({
            key: String(day.campaignId),
            title: english ? day.nameEn : day.name,
            align: 'center' as const,
            render: (_: unknown, row: Row) => tag(row, index, day.campaignId),
          })),
        ]}
      />
    </div>
  );
}
