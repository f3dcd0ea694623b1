// The township's reporting reminders: a period the county returned (with its reason, until the
// township submits again), the next due day, and the latest late period. They live behind a bell
// in the header (a count on it), so they never cover the page nor push it down when they arrive
// after the first paint; a reminder put away with × stays away (this browser, this user) until
// a new one comes. A user who cannot submit (a leader) is offered to look, not to submit.
import { useState } from 'react';
import { Alert, Badge, Button, Popover, Space } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isUpperLevel, periodLabel, type PeriodCell } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { usePermissions } from '../../auth/use-permissions.ts';
import { useSubmissionGrid } from '../api/submissions.ts';

/** A due day this close is worth a reminder. */
const REMIND_DAYS = 10;

const storageKey = (userId: number | undefined) => `pufa.dismissedNotices.${userId ?? 0}`;
function readDismissed(userId: number | undefined): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function SubmissionNotices() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const { user, canEdit } = usePermissions();
  const townshipId = user?.townshipIds[0];
  const maySubmit = !!user && !isUpperLevel(user.orgUnitLevel) && canEdit(townshipId);
  const year = dayjs().year();
  // Above the county there is no county grid to read (GET /api/submissions answers 400 there).
  const hasGrid = !!user && user.orgUnitLevel !== 'city' && user.orgUnitLevel !== 'province';
  const thisYear = useSubmissionGrid(year, hasGrid);
  const lastYear = useSubmissionGrid(year - 1, hasGrid);
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState<string[]>(() => readDismissed(user?.id));
  const cells: PeriodCell[] = [...(lastYear.data?.rows[0]?.cells ?? []), ...(thisYear.data?.rows[0]?.cells ?? [])];
  const today = thisYear.data?.today ?? dayjs().format('YYYY-MM-DD');
  const label = (period: string) => periodLabel(period)[english ? 'en' : 'zh'];
  const returned = cells.filter((c) => c.status === 'returned');
  const dueSoon = cells.filter((c) => c.status === 'none' && c.required && c.dueDate >= today && dayjs(c.dueDate).diff(dayjs(today), 'day') <= REMIND_DAYS && c.period.slice(0, 7) <= today.slice(0, 7));
  const late = cells.filter((c) => c.status === 'none' && c.late).at(-1);
  const dismiss = (key: string) => () => {
    const keys = [...dismissed, key];
    setDismissed(keys);
    try {
      // Only the keys of reminders still shown: the list does not grow for ever.
      localStorage.setItem(storageKey(user?.id), JSON.stringify(keys.filter((k) => all.some((n) => n.key === k))));
    } catch {
      // Storage full or off: put away for this visit only.
    }
  };
  const all = [
    ...returned.map((c) => ({ key: `returned-${c.period}`, cell: c })),
    ...dueSoon.map((c) => ({ key: `due-${c.period}`, cell: c })),
    ...(late ? [{ key: `late-${late.period}`, cell: late }] : []),
  ];
  const notices = all.filter((n) => !dismissed.includes(n.key));
  const go = (period: string) => (
    <Link to={`${paths.submissions}?period=${period}`} onClick={() => setOpen(false)}>
      <Button size="small">{maySubmit ? t('submissions.goSubmit') : t('submissions.goLook')}</Button>
    </Link>
  );
  const alertOf = (key: string, c: PeriodCell) => {
    const common = { key, showIcon: true, closable: { 'aria-label': t('submissions.dismissNotice') }, onClose: dismiss(key), action: go(c.period) };
    if (key.startsWith('returned'))
      return <Alert {...common} type="warning" message={t('submissions.returnedNotice', { period: label(c.period), reason: c.returnReason })} description={maySubmit ? t('submissions.returnedAction') : t('submissions.returnedActionLeader')} />;
    if (key.startsWith('due')) return <Alert {...common} type="info" message={t('submissions.dueNotice', { period: label(c.period), date: c.dueDate, days: dayjs(c.dueDate).diff(dayjs(today), 'day') })} />;
    return <Alert {...common} type="error" message={t('submissions.lateNotice', { period: label(c.period), date: c.dueDate })} />;
  };
  const urgent = notices.some((n) => !n.key.startsWith('due'));
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('submissions.noticesLabel')}
      content={
        <Space direction="vertical" className="submission-notices" data-testid="submission-notices">
          {notices.length === 0 ? <span>{t('submissions.noNotices')}</span> : notices.map((n) => alertOf(n.key, n.cell))}
        </Space>
      }
    >
      <Badge count={notices.length} size="small" color={urgent ? '#cf1322' : '#1677ff'} offset={[-4, 4]}>
        <Button icon={<BellOutlined />} aria-label={`${t('submissions.noticesLabel')}${notices.length ? ` (${notices.length})` : ''}`} data-testid="submission-notices-button">
          <span className="app-header-label">{t('submissions.noticesLabel')}</span>
        </Button>
      </Badge>
    </Popover>
  );
}
