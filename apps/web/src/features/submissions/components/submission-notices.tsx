// The township's home-page notices: a period the county returned (with its reason,
// until the township submits again), the next due day, and the latest late period.
// They arrive after the page's first paint (one more request), so they sit in a dock
// at the bottom of the screen instead of pushing the page down (layout shift); each
// can be put away for the visit.
import { useState } from 'react';
import { Alert, Button, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { periodLabel, type PeriodCell } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { useSubmissionGrid } from '../api/submissions.ts';

/** A due day this close is worth a reminder. */
const REMIND_DAYS = 10;

export function SubmissionNotices() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const year = dayjs().year();
  const thisYear = useSubmissionGrid(year);
  const lastYear = useSubmissionGrid(year - 1);
  const cells: PeriodCell[] = [...(lastYear.data?.rows[0]?.cells ?? []), ...(thisYear.data?.rows[0]?.cells ?? [])];
  const today = thisYear.data?.today ?? dayjs().format('YYYY-MM-DD');
  const label = (period: string) => periodLabel(period)[english ? 'en' : 'zh'];
  const go = (period: string) => (
    <Link to={`${paths.submissions}?period=${period}`}>
      <Button size="small">{t('submissions.goSubmit')}</Button>
    </Link>
  );
  const returned = cells.filter((c) => c.status === 'returned');
  const dueSoon = cells.filter((c) => c.status === 'none' && c.required && c.dueDate >= today && dayjs(c.dueDate).diff(dayjs(today), 'day') <= REMIND_DAYS && c.period.slice(0, 7) <= today.slice(0, 7));
  const late = cells.filter((c) => c.status === 'none' && c.late).at(-1);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const shown = (key: string) => !dismissed.includes(key);
  const dismiss = (key: string) => () => setDismissed((keys) => [...keys, key]);
  const notices = [
    ...returned.map((c) => ({ key: `returned-${c.period}`, cell: c })),
    ...dueSoon.map((c) => ({ key: `due-${c.period}`, cell: c })),
    ...(late ? [{ key: `late-${late.period}`, cell: late }] : []),
  ].filter((n) => shown(n.key));
  if (notices.length === 0) return null;
  const alertOf = (key: string, c: PeriodCell) => {
    const common = { key, showIcon: true, closable: { 'aria-label': t('submissions.dismissNotice') }, onClose: dismiss(key), action: go(c.period) };
    if (key.startsWith('returned')) return <Alert {...common} type="warning" message={t('submissions.returnedNotice', { period: label(c.period), reason: c.returnReason })} description={t('submissions.returnedAction')} />;
    if (key.startsWith('due')) return <Alert {...common} type="info" message={t('submissions.dueNotice', { period: label(c.period), date: c.dueDate, days: dayjs(c.dueDate).diff(dayjs(today), 'day') })} />;
    return <Alert {...common} type="error" message={t('submissions.lateNotice', { period: label(c.period), date: c.dueDate })} />;
  };
  return (
    <section className="submission-notices-dock" aria-label={t('submissions.noticesLabel')}>
      <Space direction="vertical" style={{ width: '100%' }} data-testid="submission-notices">
        {notices.map((n) => alertOf(n.key, n.cell))}
      </Space>
    </section>
  );
}
