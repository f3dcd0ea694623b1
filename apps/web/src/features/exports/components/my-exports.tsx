// 「我的导出」: background exports with a progress bar each, cancel while they run,
// download once done (kept EXPORT_RETENTION_DAYS days).
import { App, Button, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EXPORT_RETENTION_DAYS, exportJobPercent, jobErrorIn, type ExportJob } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCancelExportJob, useExportJobs } from '../api/export-jobs.ts';
import { DownloadButton } from './download-button.tsx';

// Preset colours that keep 4.5:1 (the status words "processing"/"success" do not).
const STATUS_COLORS: Record<ExportJob['status'], string | undefined> = { queued: undefined, running: 'blue', done: 'green', failed: 'red', cancelled: undefined };

function JobRow({ job }: { job: ExportJob }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const cancel = useCancelExportJob();
  const live = job.status === 'queued' || job.status === 'running';
  const percent = exportJobPercent(job);
  const onCancel = () =>
    cancel.mutate(job.id, { onError: (e) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)) });
  return (
    <List.Item
      data-testid="export-job"
      actions={[
        live && <Button key="cancel" icon={<StopOutlined />} onClick={onCancel} loading={cancel.isPending} data-testid="export-job-cancel">{t('exports.jobs.cancel')}</Button>,
        job.status === 'done' && <DownloadButton key="download" type="primary" path={`/export-jobs/${job.id}/file`} query={{}} testId="export-job-download">{t('exports.jobs.download')}</DownloadButton>,
      ].filter(Boolean)}
    >
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{job.fileName}</Typography.Text>
          <Tag color={STATUS_COLORS[job.status]} data-testid="export-job-status">{t(`exports.jobs.statuses.${job.status}`)}</Tag>
        </Space>
        {live && (
          <>
            <Progress percent={percent} status="active" aria-label={t('exports.jobs.progressOf', { name: job.fileName })} />
            <Typography.Text type="secondary" data-testid="export-job-rows">
              {job.kind === 'report-docx'
                ? t('exports.jobs.document') // one document, not events: its count would read "0 of 1 events"
                : job.total > 0 ? t('exports.jobs.rows', { done: job.done.toLocaleString(), total: job.total.toLocaleString() }) : t('exports.jobs.counting')}
            </Typography.Text>
          </>
        )}
        {job.status === 'done' && job.expiresAt && (
          <Typography.Text type="secondary">
            {t('exports.jobs.kept', { size: ((job.bytes ?? 0) / 1024).toFixed(0), date: new Date(job.expiresAt).toLocaleDateString(i18n.language) })}
          </Typography.Text>
        )}
        {job.status === 'failed' && job.error && <Typography.Text type="danger" data-testid="export-job-error">{jobErrorIn(job.error, i18n.language)}</Typography.Text>}
      </Space>
    </List.Item>
  );
}

export function MyExports() {
  const { t } = useTranslation();
  const jobs = useExportJobs();
  return (
    <Card size="small" title={t('exports.jobs.title')} id="my-exports" data-testid="my-exports">
      <Typography.Paragraph type="secondary">{t('exports.jobs.help', { days: EXPORT_RETENTION_DAYS })}</Typography.Paragraph>
      <List
        loading={jobs.isLoading}
        dataSource={jobs.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exports.jobs.empty')} /> }}
        renderItem={(job) => <JobRow key={job.id} job={job} />}
      />
    </Card>
  );
}

/** A button that starts an export as a job; the job then shows in 「我的导出」. */
export function StartJobButton({ onStart, testId, pending }: { onStart: () => void; testId: string; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Button icon={<CloudDownloadOutlined />} onClick={onStart} loading={pending} data-testid={testId}>
      {t('exports.jobs.start')}
    </Button>
  );
}
