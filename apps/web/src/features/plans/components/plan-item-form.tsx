// Add or change a plan item: theme, a day or a month, target villages and 六进
// places, responsible department, target audience and leaflets.
import { useEffect } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PlanItem, Reference } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { SixIntoCheckboxes } from '../../reference/components/six-into-checkboxes.tsx';
import { useCatalogName, useLookups } from '../../reference/use-lookups.ts';
import { fieldNamePath } from '../../events/event-form-values.ts';
import { useCreatePlanItem, useUpdatePlanItem } from '../api/plans.ts';

interface Values {
  title: string;
  campaignId?: number | null;
  targetDate?: Dayjs | null;
  targetMonth: number;
  villageIds: number[];
  sixInto: string[];
  departmentId?: number | null;
  targetAudience?: number | null;
  targetLeaflets?: number | null;
  notes?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  reference: Reference;
  townshipId: number;
  year: number;
  item?: PlanItem | null;
}

export function PlanItemForm({ open, onClose, reference, townshipId, year, item }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  const [form] = Form.useForm<Values>();
  const create = useCreatePlanItem();
  const update = useUpdatePlanItem();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      item
        ? { ...item, targetDate: item.targetDate ? dayjs(item.targetDate) : null }
        : { title: '', targetMonth: 1, villageIds: [], sixInto: [], campaignId: null, departmentId: null },
    );
  }, [open, item, form]);

  const submit = (values: Values) => {
    const body = {
      title: values.title ?? '',
      campaignId: values.campaignId ?? null,
      targetDate: values.targetDate ? values.targetDate.format('YYYY-MM-DD') : null,
      targetMonth: values.targetMonth,
      villageIds: values.villageIds ?? [],
      sixInto: values.sixInto ?? [],
      departmentId: values.departmentId ?? null,
      targetAudience: values.targetAudience ?? 0,
      targetLeaflets: values.targetLeaflets ?? 0,
      notes: values.notes ?? '',
    };
    const onError = (e: unknown) => {
      if (e instanceof ApiRequestError && e.fields.length) {
        form.setFields(e.fields.map((f) => ({ name: fieldNamePath(f.field) as never, errors: [isEnglish(i18n.language) ? f.messageEn : f.message] })));
      }
      void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
    };
    const onSuccess = () => {
      void message.success(t('admin.saved'));
      onClose();
    };
    if (item) update.mutate({ id: item.id, ...body }, { onSuccess, onError });
    else create.mutate({ townshipId, year, ...body }, { onSuccess, onError });
  };

  const options = (rows: readonly { id: number; name: string; nameEn: string }[]) => rows.map((r) => ({ value: r.id, label: nameOf(r) }));
  const campaigns = reference.campaigns.filter((c) => c.townshipId === null || c.townshipId === townshipId);
  return (
    <Modal
      open={open}
      title={item ? t('plans.editItem') : t('plans.addItem')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.targetDate) form.setFieldValue('targetMonth', changed.targetDate.month() + 1);
        }}
      >
        <Form.Item name="title" label={t('plans.itemTitle')} rules={[{ required: true, whitespace: true, message: t('plans.titleRequired') }]}>
          <Input count={{ show: true, max: 200 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="campaignId" label={t('form.campaign')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options(campaigns)} placeholder={t('form.campaignPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="targetDate" label={t('plans.targetDate')} tooltip={t('plans.targetDateHelp')}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.year() !== year} defaultPickerValue={dayjs(`${year}-01-01`)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="targetMonth" label={t('plans.targetMonth')} rules={[{ required: true }]}>
              <Select options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('plans.month', { month: i + 1 }) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="villageIds" label={t('plans.villages')}>
              <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={options(lookups.villagesOf(townshipId))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="departmentId" label={t('plans.department')}>
              <Select allowClear options={options(lookups.departmentsOf(townshipId).filter((d) => d.isActive))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="sixInto" label={t('form.sixInto')}>
              <SixIntoCheckboxes reference={reference} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="targetAudience" label={t('plans.targetAudience')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="targetLeaflets" label={t('plans.targetLeaflets')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('form.notes')}>
          <Input.TextArea rows={2} count={{ show: true, max: 1000 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
