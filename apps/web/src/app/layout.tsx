import { useState } from 'react';
import { Button, Drawer, Layout, Menu } from 'antd';
import {
  BarChartOutlined,
  CalendarOutlined,
  ExportOutlined,
  ImportOutlined,
  LogoutOutlined,
  MenuOutlined,
  PlusOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TableOutlined,
  TranslationOutlined,
  UserOutlined,
  AuditOutlined,
  FundProjectionScreenOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { paths } from '../config/paths.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';
import { SubmissionNotices } from '../features/submissions/components/submission-notices.tsx';
import { OfflineBanner } from '../offline/offline-banner.tsx';
import { OutboxButton } from '../offline/outbox-button.tsx';
import { useSignOut } from '../offline/offline-runtime.tsx';
import { isUpperLevel } from '@pufa/domain';

/**
 * Every page the user may open, always in view: a side menu from 992 px on (all items fit at
 * 1280 px, the administrator's eight too), and on narrower screens a labelled "菜单" button that
 * opens the same menu in a drawer. Which one shows is CSS, so nothing moves once the page is drawn.
 */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { user, canEdit, isAdmin } = usePermissions();
  // The wall screen is for leaders and administrators (a clerk may still open /screen for the township).
  const mayShowScreen = user?.role === 'leader' || isAdmin;
  // Sign-out clears what the device keeps (a shared phone), asking first if records wait to sync.
  const signOut = useSignOut();
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const selected = pathname.startsWith('/reports')
    ? paths.exports
    : ([paths.dashboard, paths.exports, paths.imports, paths.submissions, paths.newEvent, paths.plans, paths.calendar, paths.settings, paths.admin].find((p) => pathname === p) ?? paths.events);
  const items = [
    { key: paths.dashboard, icon: <BarChartOutlined />, label: t('nav.dashboard') },
    ...(mayShowScreen ? [{ key: paths.screen, icon: <FundProjectionScreenOutlined />, label: t('nav.screen') }] : []),
    { key: paths.events, icon: <TableOutlined />, label: t('nav.events') },
    ...(canEdit() ? [{ key: paths.newEvent, icon: <PlusOutlined />, label: t('nav.newEvent') }] : []),
    { key: paths.plans, icon: <ScheduleOutlined />, label: t('nav.plans') },
    { key: paths.calendar, icon: <CalendarOutlined />, label: t('nav.calendar') },
    { key: paths.submissions, icon: <AuditOutlined />, label: t('nav.submissions') },
    { key: paths.exports, icon: <ExportOutlined />, label: t('nav.exports') },
    ...(canEdit() ? [{ key: paths.imports, icon: <ImportOutlined />, label: t('nav.imports') }] : []),
    ...(isAdmin
      ? [
          { key: paths.settings, icon: <SettingOutlined />, label: t('nav.settings') },
          { key: paths.admin, icon: <SafetyOutlined />, label: t('nav.admin') },
        ]
      : []),
  ].map((item) => ({ ...item, label: <Link to={item.key} onClick={() => setDrawerOpen(false)}>{item.label}</Link> }));
  const menu = <Menu mode="inline" selectedKeys={[selected]} items={items} className="app-menu" />;
  return (
    <Layout className="app-shell">
      <ScrollRestoration />
      <Layout.Header className="app-header">
        <Button className="app-menu-button" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-expanded={isDrawerOpen}>
          {t('nav.menu')}
        </Button>
        <Link to={paths.home} className="app-brand" aria-label={t('app.title')}>
          <span className="app-logo" aria-hidden>法</span>
          <span className="app-title">{t('app.title')}</span>
        </Link>
        <div className="app-header-tools">
          <OutboxButton />
          {user && user.townshipIds.length === 1 && !isUpperLevel(user.orgUnitLevel) && <SubmissionNotices />}
          <span className="app-user" title={user?.username}>
            <UserOutlined /> <span className="app-user-name">{user?.displayName} · {user ? t(`roles.${user.role}`) : ''}</span>
          </span>
          <Button
            icon={<LogoutOutlined />}
            aria-label={t('login.logout')}
            title={t('login.logout')}
            onClick={() => void signOut(() => void navigate(paths.login))}
          />
          <Button
            icon={<TranslationOutlined />}
            onClick={() => setLanguage(isEnglish(i18n.language) ? 'zh-CN' : 'en')}
            aria-label={`${t('app.language')} (切换语言 / Switch language)`}
            lang={isEnglish(i18n.language) ? 'zh-CN' : 'en'}
          >
            {t('app.language')}
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider className="app-sider" width={216} theme="light">
          <nav aria-label={t('nav.label')}>{menu}</nav>
        </Layout.Sider>
        <Drawer
          open={isDrawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          title={t('nav.menu')}
          closeIcon={<span aria-label={t('common.close')}>✕</span>}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.label')}>{menu}</nav>
        </Drawer>
        <Layout className="app-main">
          <Layout.Content className="app-content">
            <OfflineBanner />
            <Outlet />
          </Layout.Content>
          <Layout.Footer className="app-footer">
            {t('app.subtitle')} · <a href={paths.apiDocs}>{t('app.apiDocs')}</a>
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
