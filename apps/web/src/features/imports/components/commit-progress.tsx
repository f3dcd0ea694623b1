// A large import's commit running in the background: rows committed of the total
// with a bar, cancel while it runs; why it failed, or that a cancel imported nothing.
import { useEffect, useRef } from 'react';
import { Alert, App, Button, Card, Progress, Space, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { exportJobPercent, jobErrorIn, type ImportCommitJob } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCancelImportCommit } from '../api/imports.ts';

export function CommitProgress({ job }: { job: ImportCommitJob }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const cancel = useCancelImportCommit(job.batchId);
  // The commit button is at the foot of a long preview: the card above is brought into view once, when it appears.
  const card = useRef<HTMLDivElement>(null);
  const isLive = job.status === 'queued' || job.status === 'running';
  useEffect(() => {
    if (isLive) card.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [isLive]);
  if (job.status === 'failed') {
    return <Alert type="error" showIcon data-testid="commit-job-failed" message={t('imports.job.failed')} description={job.error ? jobErrorIn(job.error, i18n.language) : undefined} />;
  }
  if (job.status === 'cancelled') return <Alert type="info" showIcon data-testid="commit-job-cancelled" message={t('imports.job.cancelled')} />;
  if (job.status === 'done') return null;
  const onCancel = () => cancel.mutate(undefined, { onError: (e) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)) });
  return (
    <Card ref={card} size="small" title={t('imports.job.title')} data-testid="commit-job">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('imports.job.help')}</Typography.Text>
        <Progress percent={exportJobPercent(job)} status="active" aria-label={t('imports.job.title')} />
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text data-testid="commit-job-rows">
            {job.total > 0 ? t('imports.job.rows', { done: job.done.toLocaleString(), total: job.total.toLocaleString() }) : t(job.status === 'queued' ? 'imports.job.queued' : 'imports.job.checking')}
          </Typography.Text>
          <Button icon={<StopOutlined />} onClick={onCancel} loading={cancel.isPending} data-testid="commit-job-cancel">{t('imports.job.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
