// One township's period: its figures and gaps, its status and history, and the
// step the user may take (submit for the township's clerk, approve or return for the county).
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Skeleton, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoment, isLockingStatus, isUpperLevel, periodHasBegun, periodLabel, todayInChina } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { usePermissions } from '../../auth/use-permissions.ts';
import { useApproveSubmission, usePeriodSummary, useReturnSubmission, useSubmission, useSubmitPeriod } from '../api/submissions.ts';
import { PeriodStatusTag } from './period-status-tag.tsx';

export function SubmissionPanel({ townshipId, period }: { townshipId: number; period: string }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const english = isEnglish(i18n.language);
  const { user, canEdit } = usePermissions();
  const summary = usePeriodSummary(townshipId, period);
  const cell = summary.data?.cell;
  const detail = useSubmission(cell?.submissionId ?? null);
  const submit = useSubmitPeriod();
  const approve = useApproveSubmission();
  const giveBack = useReturnSubmission();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const fail = (error: unknown) => void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : String(error));
  if (!summary.data || !cell) return <Skeleton active />;
  const { totals, gaps, from, to } = summary.data;
  const isReviewer = user?.orgUnitLevel === 'county' && (user.role === 'admin' || user.role === 'leader');
  // Only the township's own clerks and administrators submit (the API refuses the county).
  const isTownshipUser = !!user && !isUpperLevel(user.orgUnitLevel) && user.townshipIds.includes(townshipId);
  const open = (cell.status === 'none' || cell.status === 'returned') && periodHasBegun(period, todayInChina());
  const maySubmit = isTownshipUser && canEdit(townshipId) && open;
  const label = periodLabel(period)[english ? 'en' : 'zh'];
  const gapCount = gaps.withoutVillages + gaps.withoutMaterials + gaps.withoutEvidence;
  const gapLines = (
    <>
      {gaps.withoutVillages > 0 && <li>{t('submissions.withoutVillages', { count: gaps.withoutVillages })}</li>}
      {gaps.withoutMaterials > 0 && <li>{t('submissions.withoutMaterials', { count: gaps.withoutMaterials })}</li>}
      {gaps.withoutEvidence > 0 && <li>{t('submissions.withoutEvidence', { count: gaps.withoutEvidence })}</li>}
    </>
  );
  // 上报 locks the period: the clerk confirms it, seeing the figures the county will get and what is still missing.
  const confirmSubmit = () =>
    modal.confirm({
      title: t('submissions.confirmTitle', { period: label }),
      okText: t('submissions.confirmOk'),
      cancelText: t('common.cancel'),
      width: 440,
      content: (
        <div data-testid="submit-confirm">
          <p>{t('submissions.confirmText')}</p>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('submissions.activities')}>{totals.activities}</Descriptions.Item>
            <Descriptions.Item label={t('submissions.leaflets')}>{totals.leaflets}</Descriptions.Item>
            <Descriptions.Item label={t('submissions.audience')}>{totals.audience}</Descriptions.Item>
            <Descriptions.Item label={t('submissions.villagesReached')}>{totals.villagesReached}</Descriptions.Item>
          </Descriptions>
          {gapCount > 0 && (
            <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('submissions.confirmGaps')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{gapLines}</ul>} />
          )}
        </div>
      ),
      onOk: () =>
        submit.mutateAsync({ townshipId, period, note: note.trim() || undefined }).then(
          () => (setNote(''), void message.success(t('submissions.submitted'))),
          fail,
        ),
    });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="submission-panel">
      <Space wrap>
        <Typography.Text strong>{label}</Typography.Text>
        <PeriodStatusTag cell={cell} />
        <Typography.Text type="secondary">{t('submissions.due', { date: cell.dueDate })}</Typography.Text>
      </Space>
      {cell.status === 'returned' && (
        <Alert type="warning" showIcon message={t('submissions.returnedNotice', { period: label, reason: cell.returnReason })} description={isTownshipUser ? undefined : t('submissions.returnedCounty')} />
      )}
      {isLockingStatus(cell.status) && <Alert type="info" showIcon message={t(isTownshipUser ? 'submissions.locked' : 'submissions.lockedCounty')} />}
      {isTownshipUser && !maySubmit && open && (
        <Alert
          type="info"
          showIcon
          data-testid="who-submits"
          message={t('submissions.whoSubmits', { names: summary.data.submitters.length ? t('submissions.whoSubmitsNames', { names: summary.data.submitters.join(english ? ', ' : '、') }) : '' })}
        />
      )}
      <Descriptions size="small" bordered column={1} title={t('submissions.figures')}>
        <Descriptions.Item label={t('submissions.activities')}>{totals.activities}</Descriptions.Item>
        <Descriptions.Item label={t('submissions.leaflets')}>{totals.leaflets}</Descriptions.Item>
        <Descriptions.Item label={t('submissions.audience')}>{totals.audience}</Descriptions.Item>
        <Descriptions.Item label={t('submissions.villagesReached')}>{totals.villagesReached}</Descriptions.Item>
        <Descriptions.Item label={t('submissions.gaps')}>
          {gapCount === 0 ? (
            t('submissions.noGaps')
          ) : (
            <Space direction="vertical" size={0}>
              {gaps.withoutVillages > 0 && <span>{t('submissions.withoutVillages', { count: gaps.withoutVillages })}</span>}
              {gaps.withoutMaterials > 0 && <span>{t('submissions.withoutMaterials', { count: gaps.withoutMaterials })}</span>}
              {gaps.withoutEvidence > 0 && (
                <Link to={`${paths.events}?townshipId=${townshipId}&from=${from}&to=${to}&evidence=none`}>{t('submissions.withoutEvidence', { count: gaps.withoutEvidence })}</Link>
              )}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Link to={`${paths.events}?townshipId=${townshipId}&from=${from}&to=${to}`}>{t('submissions.openEvents')}</Link>
      {maySubmit && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea aria-label={t('submissions.note')} placeholder={t('submissions.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} />
          <Button type="primary" loading={submit.isPending} onClick={confirmSubmit}>
            {cell.status === 'returned' ? t('submissions.resubmit') : t('submissions.submit')}
          </Button>
        </Space>
      )}
      {isReviewer && cell.submissionId !== null && isLockingStatus(cell.status) && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {cell.status === 'submitted' && (
            <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate(cell.submissionId!, { onSuccess: () => void message.success(t('submissions.approved')), onError: fail })}>
              {t('submissions.approve')}
            </Button>
          )}
          <Input.TextArea
            aria-label={t('submissions.reason')}
            placeholder={t('submissions.reason')}
            value={reason}
            maxLength={1000}
            status={reasonMissing ? 'error' : undefined}
            onChange={(e) => (setReason(e.target.value), setReasonMissing(false))}
            autoSize={{ minRows: 2 }}
          />
          {reasonMissing && <Typography.Text type="danger">{t('submissions.reasonRequired')}</Typography.Text>}
          <Button
            danger
            loading={giveBack.isPending}
            onClick={() => {
              if (!reason.trim()) return setReasonMissing(true);
              giveBack.mutate({ id: cell.submissionId!, reason: reason.trim() }, { onSuccess: () => (setReason(''), void message.success(t('submissions.returned'))), onError: fail });
            }}
          >
            {t('submissions.return')}
          </Button>
        </Space>
      )}
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('submissions.history')}</Typography.Title>
        {!detail.data?.history.length ? (
          <Typography.Text type="secondary">{t('submissions.noHistory')}</Typography.Text>
        ) : (
          <Timeline
            items={detail.data.history.map((step) => ({
              key: `${step.at}-${step.action}`,
              color: step.action === 'return' ? 'orange' : step.action === 'approve' ? 'green' : 'blue',
              children: (
                <>
                  <Typography.Text strong>{t(`history.${step.action}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatMoment(step.at)} · {step.by ?? t('history.system')}
                  </Typography.Text>
                  {step.text && <div>{step.text}</div>}
                </>
              ),
            }))}
          />
        )}
      </div>
    </Space>
  );
}
