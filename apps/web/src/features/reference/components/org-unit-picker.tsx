// Choose a county, township or village of the user's scope (empty: the whole scope).
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnitNode } from '@pufa/domain';
import { useCatalogName } from '../use-lookups.ts';

interface Props {
  orgUnits: readonly OrgUnitNode[];
  value?: number;
  onChange: (id?: number) => void;
}

export function OrgUnitPicker({ orgUnits, value, onChange }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const tree = (nodes: readonly OrgUnitNode[]): object[] => nodes.map((n) => ({ value: n.id, title: nameOf(n), children: tree(n.children) }));
  const townships = orgUnits.flatMap((n) => (n.level === 'township' ? [n] : n.children));
  return (
    <TreeSelect
      aria-label={t('dashboard.orgUnit')}
      style={{ minWidth: 180 }}
      value={value}
      placeholder={t('dashboard.wholeScope')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={townships.length <= 1}
      treeData={tree(orgUnits)}
      onChange={onChange}
    />
  );
}
