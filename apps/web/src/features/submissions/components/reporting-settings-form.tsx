// The county's due days (county administrators).
import { useEffect } from 'react';
import { App, Button, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportingSetting } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useReportingSettings, useSaveReportingSettings } from '../api/submissions.ts';

export function ReportingSettingsForm() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const settings = useReportingSettings();
  const save = useSaveReportingSettings();
  const [form] = Form.useForm<ReportingSetting>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  return (
    <Form<ReportingSetting>
      form={form}
      layout="inline"
      onFinish={(values) =>
        save.mutate(values, {
          onSuccess: () => void message.success(t('submissions.saved')),
          onError: (e) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
        })
      }
    >
      <Form.Item name="monthDueDay" label={t('submissions.monthDueDay')} rules={[{ required: true }]}><InputNumber min={1} max={28} /></Form.Item>
      <Form.Item name="yearDueMonth" label={t('submissions.yearDueMonth')} rules={[{ required: true }]}><InputNumber min={1} max={12} /></Form.Item>
      <Form.Item name="yearDueDay" label={t('submissions.yearDueDay')} rules={[{ required: true }]}><InputNumber min={1} max={28} /></Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
    </Form>
  );
}
