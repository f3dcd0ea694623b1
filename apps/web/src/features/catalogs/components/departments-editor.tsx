// A township's departments: add, rename, switch off. A switched-off department
// stays on the events that name it but is no longer offered in the form.
import { useState } from 'react';
import { App, Button, Input, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department, Reference } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCreateDepartment, useUpdateDepartment } from '../api/edit-catalogs.ts';

export function DepartmentsEditor({ reference, townshipId }: { reference: Reference; townshipId?: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const departments = reference.departments.filter((d) => d.townshipId === townshipId);
  const onError = (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<Department>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={departments}
        columns={[
          {
            key: 'name',
            title: t('settings.name'),
            render: (_, d) => (
              <Typography.Text
                editable={{ onChange: (value) => value.trim() && value !== d.name && update.mutate({ id: d.id, name: value.trim() }, { onError }) }}
                type={d.isActive ? undefined : 'secondary'}
              >
                {d.name}
              </Typography.Text>
            ),
          },
          { key: 'nameEn', title: t('settings.nameEnColumn'), dataIndex: 'nameEn', responsive: ['md'] },
          {
            key: 'active',
            title: t('settings.active'),
            width: 90,
            render: (_, d) => (
              <Switch checked={d.isActive} aria-label={`${t('settings.active')} ${d.name}`} onChange={(isActive) => update.mutate({ id: d.id, isActive }, { onError })} />
            ),
          },
        ]}
      />
      <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
        <Input
          placeholder={t('settings.newDepartment')}
          aria-label={t('settings.newDepartment')}
          value={name}
          count={{ show: true, max: 100 }}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => name.trim() && townshipId && create.mutate({ townshipId, name: name.trim() }, { onSuccess: () => setName(''), onError })}
        />
        <Button
          type="primary"
          disabled={!name.trim() || !townshipId}
          loading={create.isPending}
          onClick={() => townshipId && create.mutate({ townshipId, name: name.trim() }, { onSuccess: () => setName(''), onError })}
        >
          {t('settings.add')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
