// A print-friendly page of the report section (browser "Print" or "Save as PDF").
import { Button, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isEnglish } from '../lib/i18n.ts';
import { useAnnualReport } from '../features/exports/api/report.ts';
import { LoadError } from './load-error.tsx';

export function ReportPrintRoute() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const year = new Date().getFullYear();
  const scope = { from: search.get('from') ?? `${year}-01-01`, to: search.get('to') ?? `${year}-12-31`, orgUnitId: Number(search.get('orgUnitId')) || undefined };
  const report = useAnnualReport(scope);
  if (report.error) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Spin />;
  const { figures: f, paragraphs } = report.data;
  const english = isEnglish(i18n.language);
  return (
    <article className="report-print">
      <Button className="no-print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} style={{ float: 'right' }}>{t('exports.print')}</Button>
      <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 28 }}>{t('exports.reportTitle')}</Typography.Title>
      <p style={{ textAlign: 'center' }}>{english ? f.unitNameEn : f.unitName} · {f.from} ~ {f.to}</p>
      <p className="report-body">{english ? paragraphs.english : paragraphs.exact}</p>
      {!english && <p className="report-body">{paragraphs.rounded}</p>}
      <table className="report-table">
        <tbody>
          <tr><th>{t('totals.activities')}</th><td>{f.activities}</td></tr>
          <tr><th>{t('totals.leaflets')}</th><td>{f.leaflets}</td></tr>
          <tr><th>{t('totals.audience')}</th><td>{f.audience}</td></tr>
          <tr><th>{t('totals.consultations')}</th><td>{f.consultations}</td></tr>
          <tr><th>{t('totals.villagesReached')}</th><td>{f.villagesReached} / {f.villagesTotal}</td></tr>
        </tbody>
      </table>
    </article>
  );
}
