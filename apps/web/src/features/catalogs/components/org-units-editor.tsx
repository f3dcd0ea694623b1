// The org-unit tree of the administrator's scope: add a township to the county,
// a village (community) to a township.
import { useState } from 'react';
import { App, Button, Input, Space, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgUnitLevel, OrgUnitNode, Reference } from '@pufa/domain';

/** What adding under a unit of each level creates (a village has nothing below it). */
const ADD_TO: Record<Exclude<OrgUnitLevel, 'village'>, string> = {
  province: 'settings.addCityTo',
  city: 'settings.addCountyTo',
  county: 'settings.addTownshipTo',
  township: 'settings.addVillageTo',
};
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCatalogName } from '../../reference/use-lookups.ts';
import { useCreateOrgUnit } from '../api/edit-catalogs.ts';

export function OrgUnitsEditor({ reference }: { reference: Reference }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nameOf = useCatalogName();
  const create = useCreateOrgUnit();
  const [parent, setParent] = useState<OrgUnitNode | null>(null);
  const [name, setName] = useState('');
  interface UnitTreeNode {
    key: number;
    title: string;
    children: UnitTreeNode[];
  }
  const units = new Map<number, OrgUnitNode>();
  const toTree = (nodes: readonly OrgUnitNode[]): UnitTreeNode[] =>
    nodes.map((n) => {
      units.set(n.id, n);
      return { key: n.id, title: nameOf(n), children: toTree(n.children) };
    });
  const submit = () => {
    if (!parent || !name.trim()) return;
    create.mutate(
      { parentId: parent.id, name: name.trim() },
      {
        onSuccess: () => {
          setName('');
          void message.success(t('admin.saved'));
        },
        onError: (e) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
      },
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Tree
        defaultExpandAll
        treeData={toTree(reference.orgUnits)}
        selectedKeys={parent ? [parent.id] : []}
        onSelect={(keys) => {
          const unit = units.get(Number(keys[0]));
          setParent(unit && unit.level !== 'village' ? unit : null);
        }}
      />
      <Typography.Text type="secondary">
        {parent ? t(ADD_TO[parent.level as Exclude<OrgUnitLevel, 'village'>], { name: nameOf(parent) }) : t('settings.pickParent')}
      </Typography.Text>
      <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
        <Input value={name} count={{ show: true, max: 100 }} disabled={!parent} aria-label={t('settings.newUnitName')} placeholder={t('settings.newUnitName')} onChange={(e) => setName(e.target.value)} onPressEnter={submit} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!parent || !name.trim()} loading={create.isPending} onClick={submit}>
          {t('settings.add')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
