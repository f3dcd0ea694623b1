import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeriodCell, PeriodStatus } from '@pufa/domain';

// Ant Design's preset tag colours write light text on their tint (green 2.2:1): the same hues,
// dark enough to read (WCAG AA, 4.5:1), as PlanStatusTag does.
export const NOT_REQUIRED_STYLE: React.CSSProperties = { color: 'rgba(0, 0, 0, 0.65)', background: 'transparent', borderColor: '#f0f0f0', borderStyle: 'dashed' };
export const STATUS_STYLES: Record<PeriodStatus | 'late' | 'notRequired', React.CSSProperties> = {
  notRequired: NOT_REQUIRED_STYLE,
  none: { color: 'rgba(0, 0, 0, 0.88)', background: '#fafafa', borderColor: '#d9d9d9' },
  submitted: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  approved: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  returned: { color: '#613400', background: '#fffbe6', borderColor: '#ffd666' },
  late: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

/** The word of a cell: 未上报 / 已上报 / 已通过 / 已退回, or 无需上报 before the township's reporting starts. */
export const periodStatusKey = (cell: Pick<PeriodCell, 'status' | 'required'>) =>
  cell.status === 'none' && !cell.required ? 'submissions.status.notRequired' : `submissions.status.${cell.status}`;

/** 未上报 / 已上报 / 已通过 / 已退回 / 无需上报; red, with 逾期 beneath, when late (narrow enough for 13 columns). */
export function PeriodStatusTag({ cell }: { cell: Pick<PeriodCell, 'status' | 'late' | 'required'> }) {
  const { t } = useTranslation();
  const style = cell.late ? 'late' : cell.status === 'none' && !cell.required ? 'notRequired' : cell.status;
  return (
    <span className="period-status">
      <Tag style={{ ...STATUS_STYLES[style], marginInlineEnd: 0 }} data-status={cell.status} data-required={cell.required}>
        {t(periodStatusKey(cell))}
      </Tag>
      {cell.late && <span className="period-late">{t('submissions.late')}</span>}
    </span>
  );
}
