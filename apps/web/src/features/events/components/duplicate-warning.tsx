// Warns (never blocks) when an event with the same date and title is already logged.
import { Alert } from 'antd';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths.ts';
import { useEvents } from '../api/get-events.ts';

const normalize = (title: string) => title.replace(/\s+/g, '').toLowerCase();

interface Props {
  townshipId?: number;
  startDate?: string;
  title?: string;
  excludeId?: number;
}

export function DuplicateWarning({ townshipId, startDate, title, excludeId }: Props) {
  const { t } = useTranslation();
  const deferredTitle = useDeferredValue(title?.trim() ?? '');
  const enabled = Boolean(townshipId && startDate && deferredTitle);
  const sameDay = useEvents({ townshipId, from: startDate, to: startDate, pageSize: 200 }, { enabled });
  if (!enabled) return null;
  const duplicates = (sameDay.data?.items ?? []).filter((e) => e.id !== excludeId && normalize(e.title) === normalize(deferredTitle));
  if (duplicates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      message={t('form.duplicate')}
      description={duplicates.map((e) => (
        <div key={e.id}>
          <Link to={paths.event(e.id)} target="_blank">{e.startDate} {e.title}</Link>
        </div>
      ))}
    />
  );
}
