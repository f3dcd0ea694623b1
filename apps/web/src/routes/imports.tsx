// 导入台账: upload an office's old ledger, check and fix the preview, commit it
// as events; the batches imported so far, with undo (for whoever committed one,
// or an administrator); what earlier imports taught, to review and delete.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, InputNumber, Popconfirm, Radio, Result, Space, Statistic, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { dayOfMoment, type ImportCommitResult, type ImportPatch } from '@pufa/domain';
import { paths } from '../config/paths.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useLookups } from '../features/reference/use-lookups.ts';
import { isCommitJob, useCommitImport, useImportBatch, useImportCommitJob, usePatchImport } from '../features/imports/api/imports.ts';
import { CommitProgress } from '../features/imports/components/commit-progress.tsx';
import { useCreateDepartment } from '../features/catalogs/api/edit-catalogs.ts';
import { RememberedMatches } from '../features/imports/components/remembered-matches.tsx';
import { ImportUpload } from '../features/imports/components/import-upload.tsx';
import { ColumnMapping } from '../features/imports/components/column-mapping.tsx';
import { PreviewTable, type RowFilter } from '../features/imports/components/preview-table.tsx';
import { ImportBatches } from '../features/imports/components/import-batches.tsx';
import { TotalsCheck } from '../features/imports/components/totals-check.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { PageTitle } from '../components/page-title.tsx';

export function ImportsRoute() {
  const { t } = useTranslation();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const [params, setParams] = useSearchParams();
  const batchId = Number(params.get('batch')) || undefined;
  const [townshipId, setTownshipId] = useState<number | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const township = townshipId ?? (lookups.townships.length === 1 ? lookups.townships[0]!.id : undefined);
  const { canEdit } = usePermissions();
  const open = (id: number | undefined) => setParams(id ? { batch: String(id) } : {});

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <PageTitle style={{ margin: 0 }}>{t('imports.title')}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('imports.intro')}</Typography.Paragraph>
      {batchId && reference.data ? (
        <BatchPreview id={batchId} onClose={() => open(undefined)} />
      ) : (
        <Card size="small">
          <ImportUpload lookups={lookups} townshipId={township} onTownship={setTownshipId} year={year} onYear={setYear} onUploaded={(batch) => open(batch.id)} />
        </Card>
      )}
      <Card size="small" title={t('imports.batches')}>
        <ImportBatches onOpen={open} />
      </Card>
      {township && reference.data && canEdit(township) && (
        <Card size="small" title={t('imports.remembered')}>
          <RememberedMatches townshipId={township} materialTypes={reference.data.materialTypes} />
        </Card>
      )}
    </Space>
  );
}

function BatchPreview({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const reference = useReference();
  const batch = useImportBatch(id);
  const patch = usePatchImport(id);
  const commit = useCommitImport(id);
  const { canEdit, isAdmin } = usePermissions();
  const createDepartment = useCreateDepartment();
  const [filter, setFilter] = useState<RowFilter>('all');
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  // A large file's commit runs as a job: followed here until done (then its result, as a direct commit's).
  const queryClient = useQueryClient();
  const job = useImportCommitJob(id, batch.data?.commitJob ?? (commit.data && isCommitJob(commit.data) ? commit.data : null));
  const jobData = job.data;
  const isCommitting = jobData?.status === 'queued' || jobData?.status === 'running';
  const sawCommitting = useRef(false);
  if (isCommitting) sawCommitting.current = true;
  useEffect(() => {
    if (jobData?.status !== 'done' || !jobData.result || !sawCommitting.current) return;
    // A job this page saw running ends in the result screen, as a direct commit does; the ledger and dashboard are read again.
    sawCommitting.current = false;
    setResult(jobData.result);
    void queryClient.invalidateQueries();
  }, [jobData?.status, jobData?.result, queryClient]);
  const fail = (error: unknown) => void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : String(error));
  const change = (body: ImportPatch) => patch.mutate(body, { onError: fail });
  /** An administrator adds the file's name as a department of the township, and the name is matched to it. */
  const addDepartment = (townshipId: number) => (name: string) =>
    createDepartment.mutate(
      { townshipId, name },
      {
        onSuccess: (created) => {
          void message.success(t('imports.departmentAdded', { name }));
          change({ aliases: { departments: { [name]: (created as { id: number }).id } } });
        },
        onError: fail,
      },
    );

  if (!batch.data || !reference.data) return <Card loading />;
  const data = batch.data;
  const editable = data.status === 'preview' && canEdit(data.townshipId) && !isCommitting;
  if (result) {
    return (
      <Result
        status="success"
        title={t('imports.committed', { count: result.created })}
        subTitle={t('imports.undoHint')}
        extra={[
          <Link key="dashboard" to={paths.dashboard}><Button type="primary">{t('imports.toDashboard')}</Button></Link>,
          <Link key="ledger" to={paths.events}><Button>{t('imports.toLedger')}</Button></Link>,
          <Button key="more" onClick={onClose}>{t('imports.another')}</Button>,
        ]}
      />
    );
  }
  const { summary } = data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${data.fileName} · ${t(`imports.batchStatus.${data.status}`)}`}
        extra={
          <Space>
            {editable && (
              <span>
                {t('imports.yearLabel')}{' '}
                <InputNumber
                  aria-label={t('imports.yearLabel')}
                  min={2000}
                  max={2100}
                  defaultValue={data.year ?? undefined}
                  placeholder={t('imports.yearPlaceholder')}
                  onBlur={(e) => {
                    const year = Number(e.target.value) || null;
                    if (year !== data.year) change({ year });
                  }}
                  style={{ width: 130 }}
                />
              </span>
            )}
            <Button onClick={onClose}>{t('imports.close')}</Button>
          </Space>
        }
      >
        {data.sameFileAs && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('imports.sameFile', { date: dayOfMoment(data.sameFileAs.createdAt) })} />}
        <Flex gap={24} wrap data-testid="import-summary">
          <Statistic title={t('imports.summary.rows')} value={summary.rows} />
          <Statistic title={t('imports.summary.valid')} value={summary.valid} valueStyle={{ color: '#389e0d' }} />
          <Statistic title={t('imports.summary.invalid')} value={summary.invalid} valueStyle={{ color: summary.invalid ? '#cf1322' : undefined }} />
          <Statistic title={t('imports.summary.duplicates')} value={summary.duplicates} />
          <Statistic title={t('imports.summary.excluded')} value={summary.excluded} />
          <Statistic title={t('imports.summary.skipped')} value={summary.skipped} />
          {summary.locked > 0 && <Statistic title={t('imports.summary.locked')} value={summary.locked} valueStyle={{ color: '#531dab' }} />}
        </Flex>
        <TotalsCheck batch={data} />
      </Card>
      {jobData && data.status === 'preview' && <CommitProgress job={jobData} />}
      <Card size="small" title={t('imports.mapping')}>
        <ColumnMapping batch={data} materialTypes={reference.data.materialTypes} disabled={!editable || patch.isPending} onChange={(key, field) => change({ mapping: { [key]: field } })} />
      </Card>
      <Card
        size="small"
        title={t('imports.preview')}
        extra={
          <Radio.Group
            size="small"
            optionType="button"
            value={filter}
            onChange={(e) => setFilter(e.target.value as RowFilter)}
            options={(['all', 'problems', 'duplicates', ...(summary.locked > 0 ? (['locked'] as const) : []), 'skipped'] as const).map((f) => ({ value: f, label: t(`imports.filters.${f}`) }))}
          />
        }
      >
        {summary.locked > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('imports.lockedHint')} data-testid="locked-hint" />}
        {summary.invalid > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('imports.fixHint')} />}
        <PreviewTable
          batch={data}
          reference={reference.data}
          filter={filter}
          editable={editable && !createDepartment.isPending}
          onPatch={change}
          {...(isAdmin && { onAddDepartment: addDepartment(data.townshipId) })}
        />
      </Card>
      {editable && (
        <Flex justify="end" gap={8} align="center">
          <Flex vertical align="end">
            {summary.invalid > 0 && <Typography.Text type="secondary">{t('imports.invalidLeftOut', { count: summary.invalid })}</Typography.Text>}
            {summary.locked > 0 && <Typography.Text type="secondary">{t('imports.lockedLeftOut', { count: summary.locked })}</Typography.Text>}
          </Flex>
          <Popconfirm
            title={t('imports.commitConfirm', { count: summary.valid })}
            onConfirm={() =>
              commit.mutate(undefined, {
                onSuccess: (answer) => (isCommitJob(answer) ? undefined : setResult(answer)),
                // A month submitted meanwhile, say: the preview is read again and marks the rows.
                onError: (error) => {
                  fail(error);
                  void batch.refetch();
                },
              })
            }
            disabled={summary.valid === 0}
          >
            <Button type="primary" loading={commit.isPending} disabled={summary.valid === 0 || patch.isPending} data-testid="commit-import">
              {t('imports.commit', { count: summary.valid })}
            </Button>
          </Popconfirm>
        </Flex>
      )}
    </Space>
  );
}
