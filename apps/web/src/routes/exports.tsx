// 导出: the annual workbook, the ledger CSV, the report paragraph (copy, Word, print) for a period and an org unit.
import { PageTitle } from '../components/page-title.tsx';
import { Alert, App, Card, Checkbox, Col, Flex, Radio, Row, Space, Typography } from 'antd';
import { CameraOutlined, FileExcelOutlined, FileTextOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExportJobKind, ExportLanguage } from '@pufa/domain';
import { paths } from '../config/paths.ts';
import { useAnnualReport } from '../features/exports/api/report.ts';
import { DownloadButton } from '../features/exports/components/download-button.tsx';
import { MyExports, StartJobButton } from '../features/exports/components/my-exports.tsx';
import { useStartExportJob } from '../features/exports/api/export-jobs.ts';
import { ReportParagraphs } from '../features/exports/components/report-paragraphs.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { OrgUnitPicker } from '../features/reference/components/org-unit-picker.tsx';
import { useLookups } from '../features/reference/use-lookups.ts';
import { PeriodPicker } from '../features/stats/components/period-picker.tsx';
import { useDashboardParams } from '../features/stats/dashboard-params.ts';
import { isEnglish } from '../lib/i18n.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { isUpperLevel } from '@pufa/domain';
import { usePermissions } from '../features/auth/use-permissions.ts';

export function ExportsRoute() {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const { params, update } = useDashboardParams();
  const [lang, setLang] = useState<ExportLanguage>(isEnglish(i18n.language) ? 'en' : 'zh');
  const unit = params.orgUnitId ? lookups.orgUnitById.get(params.orgUnitId) : undefined;
  const { user } = usePermissions();
  // The level of the unit the exports are of: a city's or a province's workbook has its units one level down instead of a ledger.
  const level = unit?.level ?? user?.orgUnitLevel;
  // A county's roll-up may count only what the county approved (上报审核); a township's own exports are its own.
  const isRollUp = unit === undefined ? lookups.townships.length > 1 : isUpperLevel(unit.level);
  const [approvedOnly, setApprovedOnly] = useState(false);
  const scope = { from: params.from, to: params.to, orgUnitId: params.orgUnitId, ...(isRollUp && approvedOnly ? { approvedOnly: 'true' as const } : {}) };
  const report = useAnnualReport(scope);
  // The ledger CSV takes the event list's filters: the same org unit as a township or village filter, or a county, city or province.
  const ledgerQuery = {
    from: params.from, to: params.to, lang,
    townshipId: unit?.level === 'township' ? unit.id : undefined, villageId: unit?.level === 'village' ? unit.id : undefined, orgUnitId: unit && isUpperLevel(unit.level) ? unit.id : undefined,
  };
  // A long export (a county's year, a pack of photos) can run as a job instead: it shows in 「我的导出」 below.
  const { message } = App.useApp();
  const startJob = useStartExportJob();
  const jobButton = (kind: ExportJobKind, query: Record<string, string | number | undefined>) => (
    <StartJobButton
      testId={`start-job-${kind}`}
      pending={startJob.isPending && startJob.variables?.kind === kind}
      onStart={() =>
        startJob.mutate({ kind, query }, {
          onSuccess: () => void message.success(t('exports.jobs.started')),
          onError: (e) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
        })}
    />
  );
  const printQuery = new URLSearchParams(Object.entries(scope).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('exports.title')}</PageTitle>
        <OrgUnitPicker orgUnits={reference.data?.orgUnits ?? []} value={params.orgUnitId} onChange={(orgUnitId) => update({ orgUnitId })} />
      </Flex>
      <Space wrap>
        <PeriodPicker params={params} update={update} kinds={['year', 'month', 'custom']} />
        {isRollUp && (
          <Checkbox checked={approvedOnly} onChange={(e) => setApprovedOnly(e.target.checked)} data-testid="approved-only">{t('exports.approvedOnly')}</Checkbox>
        )}
        <Radio.Group value={lang} onChange={(e) => setLang(e.target.value as ExportLanguage)} optionType="button" options={[{ value: 'zh', label: '中文' }, { value: 'en', label: 'English' }]} aria-label={t('exports.language')} />
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={<Space><FileExcelOutlined />{t('exports.workbook')}</Space>} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary" data-testid="workbook-help">
              {level === 'city' || level === 'province' ? t(`exports.workbookHelpAbove.${level}`) : t('exports.workbookHelp')}
            </Typography.Paragraph>
            <Space wrap>
              <DownloadButton type="primary" path="/exports/annual.xlsx" query={{ ...scope, lang }} testId="download-workbook">{t('exports.downloadWorkbook')}</DownloadButton>
              {jobButton('workbook', { ...scope, lang })}
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<Space><FileTextOutlined />{t('exports.ledger')}</Space>} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('exports.ledgerHelp')}</Typography.Paragraph>
            <Space wrap>
              <DownloadButton path="/exports/ledger.csv" query={ledgerQuery} testId="download-ledger">{t('exports.downloadLedger')}</DownloadButton>
              {jobButton('ledger-csv', ledgerQuery)}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<Space><CameraOutlined />{t('exports.evidence')}</Space>}>
        <Typography.Paragraph type="secondary">{t('exports.evidenceHelp')}</Typography.Paragraph>
        <Space wrap>
          <DownloadButton type="primary" path="/exports/evidence.zip" query={{ ...scope, lang }} testId="download-evidence">{t('exports.downloadEvidence')}</DownloadButton>
          {/* Beside the pack it runs: the pack is what takes minutes (a year of photos). */}
          {jobButton('evidence-zip', { ...scope, lang })}
          <DownloadButton path="/exports/evidence.pdf" query={{ ...scope, lang }} testId="download-evidence-pdf">{t('exports.downloadEvidencePdf')}</DownloadButton>
          <Link to={`${paths.evidencePrint}?${printQuery}`}><Space><PrinterOutlined />{t('exports.printEvidence')}</Space></Link>
        </Space>
      </Card>
      <MyExports />
      <Card
        size="small"
        title={<Space><FileWordOutlined />{t('exports.report')}</Space>}
        extra={
          <Space wrap>
            <DownloadButton path="/reports/annual.docx" query={{ ...scope, lang }} testId="download-docx">{t('exports.downloadDocx')}</DownloadButton>
            {jobButton('report-docx', { ...scope, lang })}
            <Link to={`${paths.reportPrint}?${printQuery}`}><Space><PrinterOutlined />{t('exports.print')}</Space></Link>
          </Space>
        }
      >
        {/* A refused request says why instead of a skeleton that never ends. */}
        {report.error ? (
          <Alert type="error" showIcon message={report.error instanceof ApiRequestError ? report.error.messageIn(i18n.language) : t('common.loadFailed')} />
        ) : (
          <ReportParagraphs report={report.data} loading={report.isLoading} />
        )}
      </Card>
    </Space>
  );
}
