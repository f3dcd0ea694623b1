import { PageTitle } from '../components/page-title.tsx';
import { Card, Drawer, Flex, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { periodLabel, periodsOfYear, PERIOD_PATTERN } from '@pufa/domain';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DownloadButton } from '../features/exports/components/download-button.tsx';
import { useNamedDays, useRanking, useSubmissionGrid } from '../features/submissions/api/submissions.ts';
import { NamedDayMatrix } from '../features/submissions/components/named-day-matrix.tsx';
import { RankingTable } from '../features/submissions/components/ranking-table.tsx';
import { ReportingSettingsForm } from '../features/submissions/components/reporting-settings-form.tsx';
import { SubmissionGrid } from '../features/submissions/components/submission-grid.tsx';
import { SubmissionPanel } from '../features/submissions/components/submission-panel.tsx';
import { ResponsiveTabs } from '../components/responsive-tabs.tsx';
import { isEnglish } from '../lib/i18n.ts';
import { LoadError } from './load-error.tsx';

/**
 * 上报审核: the county's grid of townships × periods (a township sees its own row), one
 * period opened in a drawer (?townshipId=&period=), the ranking, the named-day matrix and
 * the due days. Year and the open period live in the URL, so a reminder can link to them.
 */
export function SubmissionsRoute() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const [search, setSearch] = useSearchParams();
  const { user } = usePermissions();
  const openPeriod = PERIOD_PATTERN.test(search.get('period') ?? '') ? search.get('period')! : undefined;
  const year = Number(search.get('year')) || (openPeriod ? Number(openPeriod.slice(0, 4)) : new Date().getFullYear());
  const grid = useSubmissionGrid(year);
  // A one-township user opening ?period= from a reminder opens their own township.
  const townshipId = Number(search.get('townshipId')) || (user?.townshipIds.length === 1 ? user.townshipIds[0] : undefined);
  const rankingPeriod = PERIOD_PATTERN.test(search.get('rank') ?? '') ? search.get('rank')! : `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
  const ranking = useRanking(rankingPeriod);
  const namedDays = useNamedDays(year);
  const isCountyAdmin = user?.orgUnitLevel === 'county' && user.role === 'admin';
  const setParams = (changes: Record<string, string | number | undefined>) =>
    setSearch((s) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) s.delete(key);
        else s.set(key, String(value));
      }
      return s;
    }, { replace: true });
  if (grid.error) return <LoadError error={grid.error} onRetry={() => void grid.refetch()} />;
  const townshipName = grid.data?.rows.find((r) => r.townshipId === townshipId);
  const periodOptions = periodsOfYear(year).map((p) => ({ value: p, label: periodLabel(p)[english ? 'en' : 'zh'] }));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('submissions.title')}</PageTitle>
        <InputNumber aria-label={t('submissions.year')} addonBefore={t('submissions.year')} min={2000} max={2100} value={year} onChange={(v) => v && setParams({ year: v })} style={{ width: 140 }} />
      </Flex>
      <ResponsiveTabs
        label={t('submissions.title')}
        items={[
          {
            key: 'progress',
            label: t('submissions.progress'),
            children: <SubmissionGrid grid={grid.data} loading={grid.isFetching} onOpen={(id, period) => setParams({ townshipId: id, period })} />,
          },
          {
            key: 'ranking',
            label: t('submissions.ranking'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Select aria-label={t('submissions.period')} value={rankingPeriod} options={periodOptions} onChange={(p) => setParams({ rank: p })} style={{ minWidth: 160 }} />
                  <DownloadButton path="/county/ranking.csv" query={{ period: rankingPeriod, lang: english ? 'en' : 'zh' }} testId="ranking-csv">{t('submissions.exportCsv')}</DownloadButton>
                </Space>
                <RankingTable ranking={ranking.data} loading={ranking.isFetching} />
              </Space>
            ),
          },
          { key: 'named-days', label: t('submissions.namedDays'), children: <NamedDayMatrix matrix={namedDays.data} loading={namedDays.isFetching} /> },
          ...(isCountyAdmin ? [{ key: 'settings', label: t('submissions.settings'), children: <Card size="small"><ReportingSettingsForm /></Card> }] : []),
        ]}
      />
      <Drawer
        open={!!openPeriod && !!townshipId}
        onClose={() => setParams({ period: undefined, townshipId: undefined })}
        title={townshipName ? (english ? townshipName.nameEn : townshipName.name) : t('submissions.title')}
        width={480}
        destroyOnHidden
      >
        {openPeriod && townshipId && <SubmissionPanel townshipId={townshipId} period={openPeriod} />}
      </Drawer>
    </Space>
  );
}
