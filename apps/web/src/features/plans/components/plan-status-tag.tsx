import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '@pufa/domain';

const COLORS: Record<PlanStatus, string> = { done: 'success', partial: 'warning', notDone: 'default' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]} data-status={status}>{t(`plans.status.${status}`)}</Tag>;
}
