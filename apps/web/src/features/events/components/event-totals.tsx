import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Totals } from '@pufa/domain';

export function EventTotals({ totals, villagesTotal, loading }: { totals?: Totals; villagesTotal: number; loading: boolean }) {
  const { t } = useTranslation();
  const cards = [
    { key: 'activities', title: t('totals.activities'), value: totals?.activities, suffix: t('common.unit.times') },
    { key: 'leaflets', title: t('totals.leaflets'), value: totals?.leaflets, suffix: t('common.unit.copies') },
    { key: 'audience', title: t('totals.audience'), value: totals?.audience, suffix: t('common.unit.personTimes') },
    { key: 'villagesReached', title: t('totals.villagesReached'), value: totals?.villagesReached, suffix: villagesTotal ? `/ ${villagesTotal}` : '' },
  ];
  return (
    <Row gutter={[12, 12]} className="totals-grid" aria-label={t('totals.ofFiltered')}>
      {cards.map((card) => (
        <Col xs={12} md={6} key={card.key}>
          <Card size="small" data-testid={`total-${card.key}`}>
            {/* A dash while loading, not a taller skeleton: the cards keep their height (no layout shift). */}
            <Statistic title={card.title} value={card.value ?? 0} suffix={card.suffix} formatter={(v) => (loading && !totals ? '–' : Number(v).toLocaleString())} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
