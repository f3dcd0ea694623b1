// 年终检查: what was planned and done, partly done or missed; what the year never reached.
import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reference } from '@pufa/domain';
import { useCatalogName, useLookups } from '../../reference/use-lookups.ts';
import { usePlanCheck } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { Link } from 'react-router';
import { paths } from '../../../config/paths.ts';

function EventLinks({ events, empty }: { events: { id: number; startDate: string; title: string }[]; empty: string }) {
  if (events.length === 0) return <Typography.Text type="success">{empty}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {events.map((e) => (
        <Tag key={e.id}><Link to={paths.event(e.id)}>{e.startDate.slice(5)} {e.title}</Link></Tag>
      ))}
    </Space>
  );
}

export function YearEndCheck({ reference, townshipId, year }: { reference: Reference; townshipId: number; year: number }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  const check = usePlanCheck(townshipId, year);
  if (!check.data) return null;
  const c = check.data;
  const tags = (names: string[]) => (names.length ? names.map((n) => <Tag key={n} color="red">{n}</Tag>) : <Typography.Text type="success">{t('plans.allReached')}</Typography.Text>);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="year-end-check">
      <Row gutter={12}>
        {(['done', 'partial', 'notDone'] as const).map((status) => (
          <Col xs={8} key={status}>
            <Card size="small" data-testid={`count-${status}`}><Statistic title={t(`plans.status.${status}`)} value={c.counts[status]} /></Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('plans.items')}>
        {c.items.length === 0 ? (
          <Empty description={t('plans.noPlan')} />
        ) : (
          c.items.map((item) => (
            <div key={item.id} style={{ padding: '4px 0' }}>
              <PlanStatusTag status={item.status} /> {item.title}{' '}
              <Typography.Text type="secondary">{item.targetDate ?? t('plans.month', { month: item.targetMonth })}</Typography.Text>
              {item.status === 'partial' && (
                <Typography.Text type="warning">
                  {' '}
                  · {t('plans.missingVillages')}: {item.villageIds.filter((id) => !item.coveredVillageIds.includes(id)).map((id) => nameOf(lookups.orgUnitById.get(id))).join('、')}
                </Typography.Text>
              )}
            </div>
          ))
        )}
      </Card>
      <Card size="small" title={t('plans.villagesWithout')} data-testid="villages-without">{tags(c.villagesWithoutActivity.map((id) => nameOf(lookups.orgUnitById.get(id))))}</Card>
      <Card size="small" title={t('plans.sixIntoWithout')}>{tags(c.sixIntoWithoutActivity.map((code) => nameOf(lookups.sixIntoByCode.get(code))))}</Card>
      <Card size="small" title={t('plans.campaignsWithout')}>{tags(c.campaignsWithoutActivity.map((id) => nameOf(lookups.campaignById.get(id))))}</Card>
      <Card size="small" title={t('plans.departmentsWithout')}>
        {tags(c.departmentsWithoutActivity.map((id) => nameOf(reference.departments.find((d) => d.id === id))))}
      </Card>
      <Card size="small" title={t('plans.eventsWithoutEvidence', { count: c.eventsWithoutEvidence.length })} data-testid="events-without-evidence">
        <EventLinks events={c.eventsWithoutEvidence} empty={t('plans.allHaveEvidence')} />
      </Card>
      {c.eventsWithMismatchedPhotos.length > 0 && (
        <Card size="small" title={t('plans.eventsWithMismatchedPhotos', { count: c.eventsWithMismatchedPhotos.length })}>
          <EventLinks events={c.eventsWithMismatchedPhotos} empty="" />
        </Card>
      )}
    </Space>
  );
}
