// What an audit-log row is about, in people's words: "活动 2026-12-04 宪法进村" linked to the
// event, "计划事项 12·4宪法日集中宣传", "用户 张三", never "event #33".
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';

type Snapshot = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function AuditSubject({ entry, lookups }: { entry: AuditEntry; lookups: Lookups }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const shot = ((entry.after ?? entry.before) ?? {}) as Snapshot;
  const kind = <Typography.Text type="secondary">{t(`admin.entities.${entry.entity}`)} </Typography.Text>;
  const named = (shot: Snapshot) => nameOf({ name: text(shot.name), nameEn: text(shot.nameEn) || text(shot.name) });
  switch (entry.entity) {
    case 'event':
      return <>{kind}<Link to={paths.event(entry.entityId)}>{text(shot.startDate)} {text(shot.title)}</Link></>;
    case 'planItem': {
      const when = text(shot.targetDate) || t('plans.month', { month: text(shot.targetMonth) });
      return <>{kind}<Link to={`${paths.plans}?year=${text(shot.year)}&townshipId=${text(shot.townshipId)}`}>{when} {text(shot.title)}</Link></>;
    }
    case 'user':
      return <>{kind}{text(shot.displayName)} ({text(shot.username)})</>;
    case 'campaignPeriod': {
      const campaign = lookups.campaignById.get(Number(shot.campaignId));
      return <>{kind}{nameOf(campaign)} {text(shot.year)}: {text(shot.startDate).slice(0, 10)} ~ {text(shot.endDate).slice(0, 10)}</>;
    }
    default:
      return <>{kind}{named(shot)}</>;
  }
}
