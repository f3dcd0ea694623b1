// 数据大屏: the user's unit on a wall screen, live. Outside the app frame (no menu, no header),
// dark, large type, never scrolling; loaded on its own (a lazy route) with ECharts. The figures
// come from GET /api/screen and are fetched again whenever the stream says an event of the
// user's scope was saved (features/screen/api/use-screen-stream.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { paths } from '../config/paths.ts';
import { useMe } from '../features/auth/api/session.ts';
import { useScreen } from '../features/screen/api/get-screen.ts';
import { useScreenStream } from '../features/screen/api/use-screen-stream.ts';
import { ScreenFigures, ScreenLatest, ScreenNamedDays, ScreenRanking } from '../features/screen/components/screen-panels.tsx';
import { ScreenTrend } from '../features/screen/components/screen-trend.tsx';
import { ApiRequestError } from '../lib/api-client.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';
import './screen.css';

export function ScreenRoute() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <div className="screen" aria-busy="true" />;
  if (!me.data) return <Navigate to={`${paths.login}?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <BigScreen />;
}

/** The chart's type size follows the window's height, like the rest of the screen (screen.css). */
function useFontSize() {
  const [height, setHeight] = useState(window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.max(12, Math.round(height * 0.017));
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function BigScreen() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const screen = useScreen();
  const status = useScreenStream();
  const fontSize = useFontSize();
  const now = useClock();
  const unitName = screen.data ? (english ? screen.data.unit.nameEn : screen.data.unit.name) : '';
  const title = t('screen.title', { unit: unitName });
  useEffect(() => {
    document.title = `${title} - ${t('app.title')}`;
  }, [title, t]);
  const clock = now.toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{screen.data ? title : t('common.loading')}</h1>
        <div className="screen-tools">
          <span className={`screen-live screen-live-${status}`} role="status" data-testid="screen-live">
            {t(`screen.status.${status}`)}
          </span>
          <span className="screen-clock">{clock}</span>
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
            {t('screen.fullscreen')}
          </button>
          <button type="button" onClick={() => setLanguage(english ? 'zh-CN' : 'en')} lang={english ? 'zh-CN' : 'en'} aria-label={`${t('app.language')} (切换语言 / Switch language)`}>
            {t('app.language')}
          </button>
          <Link to={paths.home}>{t('screen.back')}</Link>
        </div>
      </header>
      {screen.error && !screen.data && (
        <p className="screen-error" role="alert">
          {screen.error instanceof ApiRequestError ? screen.error.messageIn(i18n.language) : t('common.loadFailed')}
        </p>
      )}
      {screen.data && (
        <main className="screen-body">
          <ScreenFigures screen={screen.data} />
          <section className="screen-panel screen-trend" aria-labelledby="screen-trend-title">
            <h2 id="screen-trend-title">{t('screen.trend', { year: screen.data.year })}</h2>
            <div className="screen-chart" role="img" aria-label={t('screen.trendSummary', { months: screen.data.months.map((m) => `${Number(m.month.slice(5))}: ${m.activities}`).join(', ') })}>
              <ScreenTrend months={screen.data.months} fontSize={fontSize} />
            </div>
          </section>
          <ScreenRanking screen={screen.data} />
          <ScreenNamedDays screen={screen.data} />
          <ScreenLatest screen={screen.data} />
        </main>
      )}
    </div>
  );
}
