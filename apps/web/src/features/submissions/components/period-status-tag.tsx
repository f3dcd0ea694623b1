import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeriodCell } from '@pufa/domain';

const COLORS = { none: 'default', submitted: 'processing', approved: 'success', returned: 'warning' } as const;

/** 未上报 / 已上报 / 已通过 / 已退回; red, with 逾期 beneath, when late (narrow enough for 13 columns). */
export function PeriodStatusTag({ cell }: { cell: Pick<PeriodCell, 'status' | 'late'> }) {
  const { t } = useTranslation();
  return (
    <span className="period-status">
      <Tag color={cell.late ? 'error' : COLORS[cell.status]} style={{ marginInlineEnd: 0 }}>
        {t(`submissions.status.${cell.status}`)}
      </Tag>
      {cell.late && <Typography.Text type="danger" className="period-late">{t('submissions.late')}</Typography.Text>}
    </span>
  );
}
