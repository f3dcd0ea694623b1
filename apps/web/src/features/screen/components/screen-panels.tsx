// The big screen's panels: plain HTML and CSS (screen.css), sized from the viewport so the same
// layout reads from across the room on a 1920×1080 wall and still fits a 1366×768 laptop.
import { useTranslation } from 'react-i18next';
import type { Screen } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

const useNames = () => {
  const { i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  return { english, nameOf: (n: { name: string; nameEn: string }) => (english ? n.nameEn : n.name), format: (n: number) => n.toLocaleString(i18n.language) };
};

export function ScreenFigures({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const { format } = useNames();
  const figures = [
    { key: 'activities', label: t('totals.activities'), unit: t('common.unit.times'), now: screen.totals.activities, before: screen.lastYear.activities },
    { key: 'leaflets', label: t('totals.leaflets'), unit: t('common.unit.copies'), now: screen.totals.leaflets, before: screen.lastYear.leaflets },
    { key: 'audience', label: t('totals.audience'), unit: t('common.unit.personTimes'), now: screen.totals.audience, before: screen.lastYear.audience },
  ] as const;
  return (
    <section className="screen-figures" aria-label={t('screen.figures', { year: screen.year })}>
      {figures.map(({ key, label, unit, now, before }) => {
        const change = before ? Math.round(((now - before) / before) * 100) : null;
        return (
          <div className="screen-figure" key={key} data-testid={`screen-${key}`}>
            <div className="screen-figure-label">{t('screen.yearLabel', { year: screen.year, what: label })}</div>
            <div className="screen-figure-value">
              {format(now)}
              <span className="screen-figure-unit">{unit}</span>
            </div>
            <div className="screen-figure-compare">
              {t('screen.lastYearSame')} {format(before)}
              {change !== null && change !== 0 && (
                <span className={change > 0 ? 'screen-up' : 'screen-down'}>
                  {change > 0 ? '▲' : '▼'} {Math.abs(change)}%
                </span>
              )}
            </div>
          </div>
        );
      })}
      <div className="screen-figure" data-testid="screen-villages">
        <div className="screen-figure-label">{t('totals.villagesReached')}</div>
        <div className="screen-figure-value">
          {format(screen.totals.villagesReached)}
          <span className="screen-figure-unit">/ {format(screen.totals.villagesTotal)}</span>
        </div>
        <div className="screen-figure-compare">
          {t('screen.coverage')} {screen.totals.villagesTotal ? Math.round((screen.totals.villagesReached / screen.totals.villagesTotal) * 100) : 0}%
        </div>
      </div>
    </section>
  );
}

/** How many rows of the ranking fit its panel: the rest are summed up in one line. */
const RANKING_ROWS = 12;

export function ScreenRanking({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const { nameOf, format } = useNames();
  const top = screen.ranking.slice(0, RANKING_ROWS);
  const most = Math.max(1, ...top.map((r) => r.activities));
  return (
    <section className="screen-panel screen-ranking" aria-labelledby="screen-ranking-title">
      <h2 id="screen-ranking-title">{t('screen.ranking', { level: t(`screen.levels.${screen.childLevel}`, { defaultValue: screen.childLevel }) })}</h2>
      <ol className="screen-ranking-list" data-testid="screen-ranking">
        {top.map((row) => (
          <li key={row.unitId} className="screen-ranking-row">
            <span className={`screen-rank screen-rank-${Math.min(row.rank, 4)}`}>{row.rank}</span>
            <span className="screen-ranking-name">{nameOf(row)}</span>
            <span className="screen-ranking-bar" aria-hidden>
              <span style={{ width: `${(row.activities / most) * 100}%` }} />
            </span>
            <span className="screen-ranking-value">{t('screen.times', { count: row.activities, formatted: format(row.activities) })}</span>
          </li>
        ))}
      </ol>
      {screen.ranking.length > top.length && <p className="screen-more">{t('screen.more', { count: screen.ranking.length - top.length })}</p>}
    </section>
  );
}

const dayLabel = (english: boolean, iso: string) => (english ? `${Number(iso.slice(5, 7))}/${Number(iso.slice(8))}` : `${Number(iso.slice(5, 7))}月${Number(iso.slice(8))}日`);

export function ScreenNamedDays({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const { english, nameOf } = useNames();
  return (
    <section className="screen-panel screen-days" aria-labelledby="screen-days-title">
      <h2 id="screen-days-title">{t('screen.namedDays', { year: screen.year })}</h2>
      <ul className="screen-days-grid" data-testid="screen-named-days">
        {screen.namedDays.map((day) => {
          const isAhead = day.startDate !== null && day.startDate > screen.today;
          const share = screen.unitsTotal ? day.unitsMarked / screen.unitsTotal : 0;
          return (
            <li key={day.campaignId} className={`screen-day${isAhead ? ' screen-day-ahead' : ''}`}>
              <span className="screen-day-name">{nameOf(day)}</span>
              <span className="screen-day-date">{day.startDate ? dayLabel(english, day.startDate) : '—'}</span>
              <span className="screen-day-count">
                {t('screen.marked', { marked: day.unitsMarked, total: screen.unitsTotal })}
              </span>
              <span className="screen-day-bar" aria-hidden>
                <span style={{ width: `${share * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function EventLine({ event, isNewest }: { event: Screen['latest'][number]; isNewest?: boolean }) {
  const { t, i18n } = useTranslation();
  const { english, nameOf } = useNames();
  const savedAt = new Date(event.savedAt).toLocaleTimeString(i18n.language, { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
  const villages = event.villages.map(nameOf).join(english ? ', ' : '、');
  return (
    <>
      <span className="screen-event-title">{event.title}</span>
      <span className="screen-event-where">
        {nameOf(event.township)}
        {villages && ` · ${villages}`}
      </span>
      <span className="screen-event-when">
        {dayLabel(english, event.startDate)} · {t('screen.savedAt', { time: savedAt })}
        {isNewest && <span className="screen-new">{t('screen.newest')}</span>}
      </span>
    </>
  );
}

/** The newest event held at the top; the others scroll by (still for people who ask for less motion). */
export function ScreenLatest({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const [newest, ...rest] = screen.latest;
  const rolls = rest.length > 3;
  return (
    <section className="screen-panel screen-latest" aria-labelledby="screen-latest-title">
      <h2 id="screen-latest-title">{t('screen.latest')}</h2>
      {!newest && <p className="screen-empty">{t('screen.noEvents')}</p>}
      {newest && (
        <div className="screen-event screen-event-newest" key={newest.id} data-testid="screen-newest">
          <EventLine event={newest} isNewest />
        </div>
      )}
      <div className="screen-ticker">
        <ul className={rolls ? 'screen-ticker-roll' : undefined} style={{ animationDuration: `${rest.length * 4}s` }}>
          {rest.map((event) => (
            <li className="screen-event" key={event.id}>
              <EventLine event={event} />
            </li>
          ))}
          {/* The same list again, for a seamless loop; read once by screen readers. */}
          {rolls &&
            rest.map((event) => (
              <li className="screen-event" key={`again-${event.id}`} aria-hidden>
                <EventLine event={event} />
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
