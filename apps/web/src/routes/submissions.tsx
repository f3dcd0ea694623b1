import { PageTitle } from '../components/page-title.tsx';
import { Breadcrumb, Card, Drawer, Flex, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { choosableOrgUnits, flattenOrgUnits, isUpperLevel, periodLabel, periodsOfYear, PERIOD_PATTERN, type OrgUnitNode } from '@pufa/domain';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DownloadButton } from '../features/exports/components/download-button.tsx';
import { useNamedDayProgress, useNamedDays, useRanking, useSubmissionGrid, useSubmissionProgress } from '../features/submissions/api/submissions.ts';
import { NamedDayProgress } from '../features/submissions/components/named-day-progress.tsx';
import { UnitProgressGrid } from '../features/submissions/components/unit-progress-grid.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useCatalogName, useLookups } from '../features/reference/use-lookups.ts';
import { paths } from '../config/paths.ts';
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
 * the due days. Above the county (issue 20) a city or province sees its units one level down,
 * counted; ?orgUnitId= opens one of them (a county: its townships' grid, read-only above it).
 * Year, tab, unit and the open period live in the URL, so a reminder can link to them.
 */
export function SubmissionsRoute() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const [search, setSearch] = useSearchParams();
  const { user } = usePermissions();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const nameOf = useCatalogName();
  const openPeriod = PERIOD_PATTERN.test(search.get('period') ?? '') ? search.get('period')! : undefined;
  const year = Number(search.get('year')) || (openPeriod ? Number(openPeriod.slice(0, 4)) : new Date().getFullYear());
  // The unit in view: the one asked for when the user may choose it and it holds townships, else the user's own.
  const asked = Number(search.get('orgUnitId')) || undefined;
  const choosable = user && reference.data ? flattenOrgUnits(choosableOrgUnits(reference.data.orgUnits, user.orgUnitId)) : [];
  const askedUnit = asked ? choosable.find((u) => u.id === asked && isUpperLevel(u.level)) : undefined;
  const isWaiting = !user || (asked !== undefined && !reference.data);
  const viewLevel = askedUnit?.level ?? user?.orgUnitLevel;
  const viewId = askedUnit?.id ?? user?.orgUnitId;
  const isAbove = !isWaiting && (viewLevel === 'city' || viewLevel === 'province');
  const isCountyView = !isWaiting && !isAbove;
  const countyId = askedUnit?.level === 'county' ? askedUnit.id : undefined;
  const grid = useSubmissionGrid(year, isCountyView, countyId);
  const progress = useSubmissionProgress(isAbove ? viewId : undefined, year);
  const dayProgress = useNamedDayProgress(isAbove ? viewId : undefined, year);
  // A one-township user opening ?period= from a reminder opens their own township.
  const townshipId = Number(search.get('townshipId')) || (user?.townshipIds.length === 1 ? user.townshipIds[0] : undefined);
  const rankingPeriod = PERIOD_PATTERN.test(search.get('rank') ?? '') ? search.get('rank')! : `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
  const ranking = useRanking(rankingPeriod, { countyId, enabled: isCountyView });
  const namedDays = useNamedDays(year, { countyId, enabled: isCountyView });
  const isCountyAdmin = user?.orgUnitLevel === 'county' && user.role === 'admin';
  const setParams = (changes: Record<string, string | number | undefined>) =>
    setSearch((s) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) s.delete(key);
        else s.set(key, String(value));
      }
      return s;
    }, { replace: true });
  /** This page for a unit one level down: same year and tab, nothing opened. */
  const hrefOf = (unitId: number) => {
    const next = new URLSearchParams({ orgUnitId: String(unitId), year: String(year) });
    const tab = search.get('tab');
    if (tab) next.set('tab', tab);
    return `${paths.submissions}?${next}`;
  };
  // From the user's own unit down to the unit in view, each a link (a city leader back from a county).
  const trail: OrgUnitNode[] = [];
  for (let unit = askedUnit ? lookups.orgUnitById.get(askedUnit.id) : undefined; unit; unit = unit.parentId === null || unit.id === user?.orgUnitId ? undefined : lookups.orgUnitById.get(unit.parentId)) trail.unshift(unit);
  const error = isAbove ? (progress.error ?? dayProgress.error) : grid.error;
  if (error) return <LoadError error={error} onRetry={() => void (isAbove ? Promise.all([progress.refetch(), dayProgress.refetch()]) : grid.refetch())} />;
  const townshipName = grid.data?.rows.find((r) => r.townshipId === townshipId);
  const periodOptions = periodsOfYear(year).map((p) => ({ value: p, label: periodLabel(p)[english ? 'en' : 'zh'] }));
  const tabs = isAbove
    ? [
        { key: 'progress', label: t('submissions.progress'), children: <UnitProgressGrid progress={progress.data} loading={progress.isFetching} hrefOf={hrefOf} /> },
        { key: 'named-days', label: t('submissions.namedDays'), children: <NamedDayProgress progress={dayProgress.data} loading={dayProgress.isFetching} hrefOf={hrefOf} /> },
      ]
    : [
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
                <DownloadButton path="/county/ranking.csv" query={{ period: rankingPeriod, countyId, lang: english ? 'en' : 'zh' }} testId="ranking-csv">{t('submissions.exportCsv')}</DownloadButton>
              </Space>
              <RankingTable ranking={ranking.data} loading={ranking.isFetching} />
            </Space>
          ),
        },
        { key: 'named-days', label: t('submissions.namedDays'), children: <NamedDayMatrix matrix={namedDays.data} loading={namedDays.isFetching} /> },
        ...(isCountyAdmin ? [{ key: 'settings', label: t('submissions.settings'), children: <Card size="small"><ReportingSettingsForm /></Card> }] : []),
      ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('submissions.title')}</PageTitle>
        <InputNumber aria-label={t('submissions.year')} addonBefore={t('submissions.year')} min={2000} max={2100} value={year} onChange={(v) => v && setParams({ year: v })} style={{ width: 140 }} />
      </Flex>
      {trail.length > 1 && (
        <Breadcrumb
          data-testid="unit-trail"
          items={trail.map((unit, index) => ({
            key: unit.id,
            title: index === trail.length - 1 ? <span aria-current="page">{nameOf(unit)}</span> : <Link to={unit.id === user?.orgUnitId ? `${paths.submissions}?${new URLSearchParams({ year: String(year), ...(search.get('tab') ? { tab: search.get('tab')! } : {}) })}` : hrefOf(unit.id)}>{nameOf(unit)}</Link>,
          }))}
        />
      )}
      <ResponsiveTabs label={t('submissions.title')} items={tabs} activeKey={search.get('tab') ?? undefined} onChange={(tab) => setParams({ tab })} />
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
