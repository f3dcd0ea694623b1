import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '@pufa/domain';

// Ant Design's success and warning tags write light green and amber on white (2.2:1 and 1.8:1):
// the same hues, dark enough to read (WCAG AA, 4.5:1).
const STYLES: Record<PlanStatus, React.CSSProperties> = {
  done: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  partial: { color: '#613400', background: '#fffbe6', borderColor: '#ffd666' },
  notDone: { color: 'rgba(0, 0, 0, 0.88)', background: '#fafafa', borderColor: '#d9d9d9' },
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag style={STYLES[status]} data-status={status}>{t(`plans.status.${status}`)}</Tag>;
}
