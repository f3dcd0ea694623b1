// Choose a county, township or village of the user's scope (empty: the whole scope). Only what
// the user may choose is offered: a township clerk is not offered the county above them.
import { useEffect, useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { choosableOrgUnits, flattenOrgUnits, type OrgUnitNode } from '@pufa/domain';
import { usePermissions } from '../../auth/use-permissions.ts';
import { useCatalogName } from '../use-lookups.ts';

interface Props {
  orgUnits: readonly OrgUnitNode[];
  value?: number;
  onChange: (id?: number) => void;
}

export function OrgUnitPicker({ orgUnits, value, onChange }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const { user } = usePermissions();
  const roots = useMemo(() => (user ? choosableOrgUnits(orgUnits, user.orgUnitId) : []), [orgUnits, user]);
  // A unit in the address the user may not choose (an old bookmark, a link from someone else): the whole scope instead.
  const known = orgUnits.length > 0 && user !== null;
  const choosable = useMemo(() => new Set(flattenOrgUnits(roots).map((n) => n.id)), [roots]);
  useEffect(() => {
    if (known && value !== undefined && !choosable.has(value)) onChange(undefined);
  }, [known, value, choosable, onChange]);
  const tree = (nodes: readonly OrgUnitNode[]): object[] => nodes.map((n) => ({ value: n.id, title: nameOf(n), children: tree(n.children) }));
  const townships = flattenOrgUnits(roots).filter((n) => n.level === 'township');
  return (
    <TreeSelect
      aria-label={t('dashboard.orgUnit')}
      style={{ minWidth: 180 }}
      value={value !== undefined && choosable.has(value) ? value : undefined}
      placeholder={t('dashboard.wholeScope')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={townships.length <= 1}
      treeData={tree(roots)}
      onChange={onChange}
    />
  );
}
