// Every village of the township, reached or not and how often: the gaps stand out in red.
import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnitNode, StatsRow } from '@pufa/domain';
import { useCatalogName } from '../../reference/use-lookups.ts';

interface Props {
  villages: readonly OrgUnitNode[];
  rows: StatsRow[];
  linkOf: (villageId: number) => string | null;
  onOpen: (link: string) => void;
}

export function VillageCoverage({ villages, rows, linkOf, onOpen }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const byVillage = new Map(rows.map((r) => [Number(r.key), r]));
  const max = Math.max(1, ...rows.map((r) => r.activities));
  return (
    <Flex wrap gap={8} data-testid="village-coverage">
      {villages.map((village) => {
        const row = byVillage.get(village.id);
        const count = row?.activities ?? 0;
        // Darker blue for more visits (light enough for dark text to stay readable); red for none.
        const background = count === 0 ? '#fff1f0' : `rgba(22, 119, 255, ${0.12 + (0.33 * count) / max})`;
        const link = linkOf(village.id);
        return (
          <Tooltip key={village.id} title={count ? t('dashboard.villageTip', { count, leaflets: row!.leaflets }) : t('dashboard.notReached')}>
            <div
              className="village-tile"
              role="button"
              tabIndex={0}
              data-reached={count > 0}
              style={{ background, borderColor: count === 0 ? '#ffa39e' : 'transparent' }}
              onClick={() => link && onOpen(link)}
              onKeyDown={(e) => e.key === 'Enter' && link && onOpen(link)}
            >
              <Typography.Text strong={count > 0} type={count === 0 ? 'danger' : undefined}>{nameOf(village)}</Typography.Text>
              <div className="village-count">{count === 0 ? t('dashboard.notReached') : t('dashboard.times', { count })}</div>
            </div>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
