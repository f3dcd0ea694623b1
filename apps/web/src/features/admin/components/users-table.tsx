// Users of the administrator's scope: create, change role or org unit, disable, reset a password.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, type OrgUnitNode, type User, type UserCreate, type UserPatch } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useMe } from '../../auth/api/session.ts';
import { useReference } from '../../reference/api/get-reference.ts';
import { useCatalogName } from '../../reference/use-lookups.ts';
import { useCreateUser, useUpdateUser, useUsers } from '../api/admin.ts';

function unitsOf(nodes: readonly OrgUnitNode[]): OrgUnitNode[] {
  return nodes.flatMap((n) => (n.level === 'village' ? [] : [n, ...unitsOf(n.children)]));
}

export function UsersTable() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nameOf = useCatalogName();
  const me = useMe();
  const users = useUsers();
  const reference = useReference();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [form] = Form.useForm<UserCreate>();
  const [resetForm] = Form.useForm<{ password: string }>();
  const units = unitsOf(reference.data?.orgUnits ?? []);
  const unitOptions = units.map((u) => ({ value: u.id, label: nameOf(u) }));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const onError = (e: unknown) => {
    if (e instanceof ApiRequestError && e.fields.length) {
      const english = i18n.language.startsWith('en');
      form.setFields(e.fields.map((f) => ({ name: f.field as keyof UserCreate, errors: [english ? f.messageEn : f.message] })));
    }
    void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
  };
  const save = (id: number, patch: UserPatch) =>
    updateUser.mutate({ ...patch, id }, { onSuccess: () => void message.success(t('admin.saved')), onError });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('admin.newUser')}</Button>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'username', title: t('admin.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            key: 'role',
            title: t('admin.role'),
            render: (_, u) => (
              <Select size="small" style={{ width: 110 }} value={u.role} options={roleOptions} disabled={u.id === me.data?.id} aria-label={`${t('admin.role')} ${u.username}`} onChange={(role) => save(u.id, { role })} />
            ),
          },
          {
            key: 'orgUnit',
            title: t('admin.orgUnit'),
            render: (_, u) => <Select size="small" style={{ width: 140 }} value={u.orgUnitId} options={unitOptions} aria-label={`${t('admin.orgUnit')} ${u.username}`} onChange={(orgUnitId) => save(u.id, { orgUnitId })} />,
          },
          {
            key: 'active',
            title: t('admin.active'),
            render: (_, u) => <Switch checked={u.isActive} disabled={u.id === me.data?.id} aria-label={`${t('admin.active')} ${u.username}`} onChange={(isActive) => save(u.id, { isActive })} />,
          },
          { key: 'reset', title: <span className="sr-only">{t('list.columns.actions')}</span>, render: (_, u) => <Button size="small" onClick={() => setResetting(u)}>{t('admin.resetPassword')}</Button> },
        ]}
      />
      <Modal open={creating} title={t('admin.newUser')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={createUser.isPending} onCancel={() => setCreating(false)} onOk={() => form.submit()}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: 'clerk' }}
          onFinish={(values) =>
            createUser.mutate(values, {
              onSuccess: () => {
                setCreating(false);
                form.resetFields();
                void message.success(t('admin.saved'));
              },
              onError,
            })
          }
        >
          <Form.Item name="username" label={t('admin.username')} rules={[{ required: true }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="role" label={t('admin.role')} rules={[{ required: true }]}><Select options={roleOptions} /></Form.Item>
          <Form.Item name="orgUnitId" label={t('admin.orgUnit')} rules={[{ required: true }]}><Select options={unitOptions} /></Form.Item>
          <Form.Item name="password" label={t('admin.password')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={`${t('admin.resetPassword')} · ${resetting?.username ?? ''}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setResetting(null)}
        onOk={() => resetForm.submit()}
      >
        <Form
          form={resetForm}
          layout="vertical"
          onFinish={({ password }) => {
            if (!resetting) return;
            save(resetting.id, { password });
            setResetting(null);
            resetForm.resetFields();
          }}
        >
          <Form.Item name="password" label={t('admin.newPassword')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
