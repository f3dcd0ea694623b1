import { App, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths.ts';
import { useCreateEvent } from '../features/events/api/save-event.ts';
import { EventForm } from '../features/events/components/event-form.tsx';
import { emptyFormValues } from '../features/events/event-form-values.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useLookups } from '../features/reference/use-lookups.ts';
import { LoadError } from './load-error.tsx';

export function EventNewRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const createEvent = useCreateEvent();
  if (reference.error) return <LoadError error={reference.error} onRetry={() => void reference.refetch()} />;
  if (!reference.data) return <Spin />;
  // An office usually has one township: preselect it.
  const onlyTownship = lookups.townships.length === 1 ? lookups.townships[0]?.id : undefined;
  return (
    <>
      <Typography.Title level={3}>{t('form.newTitle')}</Typography.Title>
      <EventForm
        reference={reference.data}
        initialValues={emptyFormValues(onlyTownship)}
        allowSaveAndNew
        onSubmit={async (payload, { andNew }) => {
          const event = await createEvent.mutateAsync(payload);
          void message.success(t('form.created', { title: event.title }));
          if (!andNew) await navigate(paths.event(event.id));
        }}
      />
    </>
  );
}
