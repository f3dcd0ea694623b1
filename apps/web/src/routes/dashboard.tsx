// 统计看板: live totals for a period and an org unit, the year month by month,
// breakdowns and village coverage. Every figure opens the events it counts.
// Loaded on its own (React.lazy in the router), so ECharts stays out of the other pages.
import { lazy, Suspense } from 'react';
import { PageTitle } from '../components/page-title.tsx';
import { Alert, Button, Card, Col, Flex, Row, Space, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { OrgUnitPicker } from '../features/reference/components/org-unit-picker.tsx';
import { PeriodPicker } from '../features/stats/components/period-picker.tsx';
import { childLevel, endOfMonth, flattenOrgUnits, isUpperLevel, type OrgUnitNode, type StatsGroup, type StatsRow } from '@pufa/domain';
import { SubUnitRanking } from '../features/stats/components/sub-unit-ranking.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useCatalogName, useLookups } from '../features/reference/use-lookups.ts';
import { useStats } from '../features/stats/api/stats.ts';
import { BreakdownTable } from '../features/stats/components/breakdown-table.tsx';
import { KpiCards } from '../features/stats/components/kpi-cards.tsx';
import { VillageCoverage } from '../features/stats/components/village-coverage.tsx';
import { samePeriodLastYear, useDashboardParams } from '../features/stats/dashboard-params.ts';
import { eventListLink } from '../features/stats/event-list-link.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { isEnglish } from '../lib/i18n.ts';
import { DownloadButton } from '../features/exports/components/download-button.tsx';
import { UpcomingDays } from '../features/plans/components/upcoming-days.tsx';
import { ResponsiveTabs } from '../components/responsive-tabs.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';

// ECharts (~150 KB compressed) comes after the figures: the cards and tables show first, the chart fills in.
const MonthChart = lazy(async () => ({ default: (await import('../features/stats/components/month-chart.tsx')).MonthChart }));

const BREAKDOWNS = ['campaign', 'sixInto', 'department', 'form', 'law', 'materialType'] as const satisfies readonly StatsGroup[];

export default function DashboardRoute() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const { params, update } = useDashboardParams();
  const [search] = useSearchParams();
  const scope = { from: params.from, to: params.to, orgUnitId: params.orgUnitId };
  const year = params.from.slice(0, 4);

  const current = useStats(scope, 'month');
  const lastYear = useStats({ ...scope, ...samePeriodLastYear(scope) }, 'month');
  const months = useStats({ ...scope, from: `${year}-01-01`, to: `${year}-12-31` }, 'month');

  const unit = params.orgUnitId ? lookups.orgUnitById.get(params.orgUnitId) : undefined;
  const { user } = usePermissions();
  // The unit the figures are of: the one chosen, else the user's own. Above the county, its
  // units one level down are ranked (a province's cities, a city's counties).
  const scopeUnit = unit ?? (user ? lookups.orgUnitById.get(user.orgUnitId) : undefined);
  const subLevel = scopeUnit && isUpperLevel(scopeUnit.level) ? childLevel(scopeUnit.level) : null;
  const subUnitGroup = subLevel === 'city' || subLevel === 'county' ? subLevel : undefined;
  const subUnits = useStats(scope, subUnitGroup ?? 'month', { enabled: !!subUnitGroup });
  // Village coverage village by village up to the county; above it, unit by unit from the ranking's
  // rows (a province has 13,000+ villages: that list would be megabytes on a leader's phone).
  const levelInView = params.orgUnitId ? unit?.level : user?.orgUnitLevel;
  const villages = useStats(scope, 'village', { enabled: !subUnitGroup && levelInView !== 'province' && levelInView !== 'city' });
  // The townships whose coverage is listed: those under the unit in view.
  const townshipsInView = scopeUnit && isUpperLevel(scopeUnit.level) ? flattenOrgUnits([scopeUnit]).filter((u) => u.level === 'township') : lookups.townships;
  // The villages whose coverage is shown: the chosen township's, or the only township's.
  const township = unit?.level === 'township' ? unit : unit?.level === 'village' ? lookups.orgUnitById.get(unit.parentId!) : lookups.townships.length === 1 ? lookups.townships[0] : undefined;
  // A one-township user's reminders are known from the session: the card is drawn at once, nothing below it moves.
  const reminderTownshipId = township?.id ?? (!params.orgUnitId && user?.townshipIds.length === 1 ? user.townshipIds[0] : undefined);
  const coverageVillages = unit?.level === 'village' ? [unit] : (township?.children ?? []);
  const open = (link: string | null) => link && void navigate(link);
  const error = current.error ?? reference.error;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('dashboard.title')}</PageTitle>
        <Space wrap>
          <OrgUnitPicker orgUnits={reference.data?.orgUnits ?? []} value={params.orgUnitId} onChange={(orgUnitId) => update({ orgUnitId })} />
          {/* The workbook of exactly this view; the export page (same period and scope) has the rest. */}
          <DownloadButton path="/exports/annual.xlsx" query={{ ...scope, lang: isEnglish(i18n.language) ? 'en' : 'zh' }} testId="dashboard-xlsx">
            {t('exports.exportThis')}
          </DownloadButton>
          <Link to={`${paths.exports}?${new URLSearchParams(search)}`}>
            <Button icon={<ExportOutlined />}>{t('exports.more')}</Button>
          </Link>
        </Space>
      </Flex>
      <PeriodPicker params={params} update={update} />
      {error && <Alert type="error" showIcon message={error instanceof ApiRequestError ? error.messageIn(i18n.language) : t('common.loadFailed')} />}
      {/* Leaders start here: the next 14 days' named days and plan, as on the ledger. */}
      {reminderTownshipId && <UpcomingDays townshipId={reminderTownshipId} lookups={lookups} />}
      <KpiCards current={current.data?.totals} lastYear={lastYear.data?.totals} loading={current.isLoading} link={eventListLink(lookups, scope)} />
      {subUnitGroup && (
        <Card size="small" title={t(`dashboard.subUnits.${subUnitGroup}`)}>
          <SubUnitRanking
            rows={subUnits.data?.rows ?? []}
            loading={subUnits.isFetching}
            hrefOf={(orgUnitId) => {
              const next = new URLSearchParams(search);
              next.set('orgUnitId', String(orgUnitId));
              return `${paths.dashboard}?${next}`;
            }}
          />
        </Card>
      )}
      <Card size="small" title={t('dashboard.byMonth', { year })}>
        <Suspense fallback={<div style={{ height: 280 }} aria-busy="true" />}>
        <MonthChart
          rows={months.data?.rows ?? []}
          onMonthClick={(month) => {
            const from = `${month}-01`;
            open(eventListLink(lookups, { from, to: endOfMonth(from), orgUnitId: params.orgUnitId }));
          }}
        />
        </Suspense>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.breakdowns')}>
            <ResponsiveTabs
              size="small"
              label={t('dashboard.breakdowns')}
              items={BREAKDOWNS.map((groupBy) => ({
                key: groupBy,
                label: t(`dashboard.by.${groupBy}`),
                children: <Breakdown groupBy={groupBy} scope={scope} linkOf={(row) => eventListLink(lookups, scope, { groupBy, key: row.key })} onOpen={open} />,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('dashboard.coverage')}
            extra={current.data && <Typography.Text type="secondary">{t('dashboard.reachedOf', { reached: current.data.totals.villagesReached, total: current.data.totals.villagesTotal })}</Typography.Text>}
          >
            {subUnitGroup && scopeUnit ? (
              <UnitCoverage units={scopeUnit.children} rows={subUnits.data?.rows ?? []} hrefOf={(id) => `${paths.dashboard}?${new URLSearchParams({ ...Object.fromEntries(search), orgUnitId: String(id) })}`} />
            ) : coverageVillages.length > 0 ? (
              <VillageCoverage
                villages={coverageVillages}
                rows={villages.data?.rows ?? []}
                linkOf={(villageId) => eventListLink(lookups, { ...scope, orgUnitId: villageId })}
                onOpen={open}
              />
            ) : (
              <TownshipCoverage townships={townshipsInView} rows={villages.data?.rows ?? []} onPick={(id) => update({ orgUnitId: id })} />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function Breakdown({ groupBy, scope, linkOf, onOpen }: { groupBy: StatsGroup; scope: { from: string; to: string; orgUnitId?: number }; linkOf: (row: StatsRow) => string | null; onOpen: (link: string) => void }) {
  const stats = useStats(scope, groupBy);
  return <BreakdownTable testId={`breakdown-${groupBy}`} rows={stats.data?.rows ?? []} loading={stats.isFetching} linkOf={linkOf} onOpen={onOpen} />;
}

/** Above the county: villages reached per unit one level down, worst first; a unit opens its own dashboard. */
function UnitCoverage({ units, rows, hrefOf }: { units: OrgUnitNode[]; rows: StatsRow[]; hrefOf: (id: number) => string }) {
  const nameOf = useCatalogName();
  const reachedOf = new Map(rows.map((r) => [Number(r.key), r.villagesReached ?? 0]));
  const list = units
    .map((unit) => ({ unit, reached: reachedOf.get(unit.id) ?? 0, total: flattenOrgUnits([unit]).filter((u) => u.level === 'village').length }))
    .sort((a, b) => a.reached / Math.max(1, a.total) - b.reached / Math.max(1, b.total));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="unit-coverage">
      {list.map(({ unit, reached, total }) => (
        <Link key={unit.id} to={hrefOf(unit.id)} style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>{nameOf(unit)}</span>
          <Typography.Text type={total === 0 ? 'secondary' : reached < total ? 'danger' : 'success'}>{reached} / {total}</Typography.Text>
        </Link>
      ))}
    </Space>
  );
}

/** At county level: villages reached per township, worst first; a township opens its own coverage. */
function TownshipCoverage({ townships, rows, onPick }: { townships: OrgUnitNode[]; rows: StatsRow[]; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const reached = new Set(rows.map((r) => Number(r.key)));
  const list = townships
    .map((tw) => ({ tw, reached: tw.children.filter((v) => reached.has(v.id)).length, total: tw.children.length }))
    .sort((a, b) => a.reached / Math.max(1, a.total) - b.reached / Math.max(1, b.total));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('dashboard.pickTownship')}</Typography.Text>
      {list.slice(0, 50).map(({ tw, reached: n, total }) => (
        <a key={tw.id} onClick={() => onPick(tw.id)} style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>{nameOf(tw)}</span>
          <Typography.Text type={total === 0 ? 'secondary' : n < total ? 'danger' : 'success'}>{n} / {total}</Typography.Text>
        </a>
      ))}
    </Space>
  );
}
