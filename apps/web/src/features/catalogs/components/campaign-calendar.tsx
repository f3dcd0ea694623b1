// The year's legal-publicity calendar: each campaign's dates in the chosen year,
// editable where a period moves from year to year (宪法宣传周, 网络安全宣传周).
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { campaignPeriodForYear, todayInChina, type Campaign, type Reference } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCatalogName } from '../../reference/use-lookups.ts';
import { useClearCampaignPeriod, useCreateCampaign, useSetCampaignPeriod } from '../api/edit-catalogs.ts';

export function CampaignCalendar({ reference, townshipId }: { reference: Reference; townshipId?: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nameOf = useCatalogName();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([null, null]);
  const [adding, setAdding] = useState(false);
  const setPeriod = useSetCampaignPeriod();
  const clearPeriod = useClearCampaignPeriod();
  const createCampaign = useCreateCampaign();
  const [form] = Form.useForm<{ name: string; nameEn?: string }>();
  const errorText = (e: unknown) => (e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));

  const campaigns = reference.campaigns.filter((c) => c.townshipId === null || c.townshipId === townshipId);
  const rows = campaigns.map((c) => ({ campaign: c, period: campaignPeriodForYear(c, year), isRecorded: c.periods.some((p) => p.year === year) }));

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Text>{t('settings.year')}</Typography.Text>
          <InputNumber aria-label={t('settings.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!townshipId}>{t('settings.addCampaign')}</Button>
      </Flex>
      <Table
        rowKey={(r) => r.campaign.id}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { key: 'name', title: t('form.campaign'), render: (_, r) => <>{nameOf(r.campaign)} {!r.campaign.isBuiltin && <Tag>{t('settings.own')}</Tag>}</> },
          {
            key: 'period',
            title: t('settings.datesIn', { year }),
            render: (_, r) =>
              r.period ? (
                <Space>
                  <span>{r.period.startDate === r.period.endDate ? r.period.startDate : `${r.period.startDate} ~ ${r.period.endDate}`}</span>
                  {r.isRecorded ? <Tag color="green">{t('settings.setForYear')}</Tag> : <Tag>{t('settings.byRule')}</Tag>}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('settings.noFixedDate')}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            title: <span className="sr-only">{t('list.columns.actions')}</span>,
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(r.campaign);
                    setRange(r.period ? [dayjs(r.period.startDate), dayjs(r.period.endDate)] : [null, null]);
                  }}
                >
                  {t('settings.setDates')}
                </Button>
                {r.isRecorded && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() =>
                      clearPeriod.mutate({ campaignId: r.campaign.id, year }, { onError: (e) => void message.error(errorText(e)) })
                    }
                  >
                    {t('settings.useRule')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? `${nameOf(editing)} · ${year}` : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={setPeriod.isPending}
        okButtonProps={{ disabled: !range[0] || !range[1] }}
        onCancel={() => setEditing(null)}
        onOk={() =>
          editing &&
          setPeriod.mutate(
            { campaignId: editing.id, year, startDate: range[0]!.format('YYYY-MM-DD'), endDate: range[1]!.format('YYYY-MM-DD') },
            { onSuccess: () => setEditing(null), onError: (e) => void message.error(errorText(e)) },
          )
        }
      >
        <DatePicker.RangePicker value={range} onChange={(v) => setRange([v?.[0] ?? null, v?.[1] ?? null])} style={{ width: '100%' }} />
      </Modal>
      <Modal
        open={adding}
        title={t('settings.addCampaign')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={createCampaign.isPending}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            townshipId &&
            createCampaign.mutate(
              { townshipId, name: values.name ?? '', nameEn: values.nameEn ?? '' },
              {
                onSuccess: () => {
                  setAdding(false);
                  form.resetFields();
                },
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        >
          <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true, message: t('settings.nameRequired') }]}>
            <Input count={{ show: true, max: 100 }} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('settings.nameEn')}>
            <Input count={{ show: true, max: 100 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
