// The four figures a leader asks for first, each beside the same period last year; each opens
// the events it counts (the same period and scope in the ledger).
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StatsTotals } from '@pufa/domain';

type Key = 'activities' | 'leaflets' | 'audience' | 'villagesReached';

export function KpiCards({ current, lastYear, loading, link }: { current?: StatsTotals; lastYear?: StatsTotals; loading: boolean; link?: string | null }) {
  const { t, i18n } = useTranslation();
  const format = (n: number) => n.toLocaleString(i18n.language);
  const cards: { key: Key; title: string; suffix: string }[] = [
    { key: 'activities', title: t('totals.activities'), suffix: t('common.unit.times') },
    { key: 'leaflets', title: t('totals.leaflets'), suffix: t('common.unit.copies') },
    { key: 'audience', title: t('totals.audience'), suffix: t('common.unit.personTimes') },
    { key: 'villagesReached', title: t('totals.villagesReached'), suffix: current ? `/ ${current.villagesTotal}` : '' },
  ];
  return (
    <Row gutter={[12, 12]} className="totals-grid">
      {cards.map(({ key, title, suffix }) => {
        const now = current?.[key] ?? 0;
        const before = lastYear?.[key];
        const change = before ? Math.round(((now - before) / before) * 100) : null;
        return (
          <Col xs={12} md={6} key={key}>
            <Card size="small" data-testid={`kpi-${key}`}>
              {/* A dash while loading, not a taller skeleton: the cards keep their height (no layout shift). */}
              <Statistic
                title={link ? <Link to={link} className="kpi-link">{title}</Link> : title}
                value={now}
                suffix={suffix}
                formatter={(v) => (loading && !current ? '–' : format(Number(v)))}
              />
              <Typography.Text type="secondary" className="kpi-compare" data-testid={`kpi-${key}-last-year`}>
                {t('dashboard.lastYear')} {before === undefined ? '…' : format(before)}
                {change !== null && change !== 0 && (
                  <span style={{ color: change > 0 ? '#237804' : '#cf1322', marginLeft: 6 }}>
                    {change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(change)}%
                  </span>
                )}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
