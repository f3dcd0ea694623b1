// The ready-to-paste paragraphs: exact figures, the rounded "余" style, English; each with a copy button.
import { Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnnualReport } from '@pufa/domain';

export function ReportParagraphs({ report, loading }: { report?: AnnualReport; loading: boolean }) {
  const { t } = useTranslation();
  if (loading || !report) return <Skeleton active />;
  const f = report.figures;
  return (
    <>
      <Descriptions size="small" column={{ xs: 2, md: 5 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('totals.activities')}>{f.activities}</Descriptions.Item>
        <Descriptions.Item label={t('totals.leaflets')}>{f.leaflets}</Descriptions.Item>
        <Descriptions.Item label={t('totals.audience')}>{f.audience}</Descriptions.Item>
        <Descriptions.Item label={t('totals.consultations')}>{f.consultations}</Descriptions.Item>
        <Descriptions.Item label={t('totals.villagesReached')}>{f.villagesReached} / {f.villagesTotal}</Descriptions.Item>
      </Descriptions>
      {(['exact', 'rounded', 'english'] as const).map((kind) => (
        <div key={kind} data-testid={`paragraph-${kind}`}>
          <Typography.Text strong>{t(`exports.paragraph.${kind}`)}</Typography.Text>
          <Typography.Paragraph copyable={{ tooltips: [t('exports.copy'), t('exports.copied')] }} className="report-paragraph">
            {report.paragraphs[kind]}
          </Typography.Paragraph>
        </div>
      ))}
    </>
  );
}
