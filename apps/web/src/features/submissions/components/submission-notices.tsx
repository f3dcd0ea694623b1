// The township's home-page notices: a period the county returned (with its reason,
// until the township submits again), the next due day, and the latest late period.
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
  const dueSoon = cells.filter((c) => c.status === 'none' && c.dueDate >= today && dayjs(c.dueDate).diff(dayjs(today), 'day') <= REMIND_DAYS && c.period.slice(0, 7) <= today.slice(0, 7));
  const late = cells.filter((c) => c.status === 'none' && c.late).at(-1);
  if (returned.length + dueSoon.length === 0 && !late) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="submission-notices">
      {returned.map((c) => (
        <Alert key={c.period} type="warning" showIcon message={t('submissions.returnedNotice', { period: label(c.period), reason: c.returnReason })} description={t('submissions.returnedAction')} action={go(c.period)} />
      ))}
      {dueSoon.map((c) => (
        <Alert key={c.period} type="info" showIcon message={t('submissions.dueNotice', { period: label(c.period), date: c.dueDate, days: dayjs(c.dueDate).diff(dayjs(today), 'day') })} action={go(c.period)} />
      ))}
      {late && <Alert type="error" showIcon message={t('submissions.lateNotice', { period: label(late.period), date: late.dueDate })} action={go(late.period)} />}
    </Space>
  );
}
