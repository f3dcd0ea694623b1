import { Button, Layout, Menu, Space, Typography } from 'antd';
import { BarChartOutlined, CalendarOutlined, ExportOutlined, ImportOutlined, LogoutOutlined, ScheduleOutlined, SettingOutlined, PlusOutlined, SafetyOutlined, TableOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api/session.ts';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { paths } from '../config/paths.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { user, canEdit, isAdmin } = usePermissions();
  const logout = useLogout();
  const selected = pathname.startsWith('/reports')
    ? paths.exports
    : ([paths.dashboard, paths.exports, paths.imports, paths.newEvent, paths.plans, paths.calendar, paths.settings, paths.admin].find((p) => pathname === p) ?? paths.events);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Link to={paths.events} className="app-brand">
          <span className="app-logo">法</span>
          <Typography.Text strong className="app-title">{t('app.title')}</Typography.Text>
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          className="app-menu"
          items={[
            { key: paths.dashboard, icon: <BarChartOutlined />, label: <Link to={paths.dashboard}>{t('nav.dashboard')}</Link> },
            { key: paths.events, icon: <TableOutlined />, label: <Link to={paths.events}>{t('nav.events')}</Link> },
            ...(canEdit() ? [{ key: paths.newEvent, icon: <PlusOutlined />, label: <Link to={paths.newEvent}>{t('nav.newEvent')}</Link> }] : []),
            { key: paths.plans, icon: <ScheduleOutlined />, label: <Link to={paths.plans}>{t('nav.plans')}</Link> },
            { key: paths.calendar, icon: <CalendarOutlined />, label: <Link to={paths.calendar}>{t('nav.calendar')}</Link> },
            { key: paths.exports, icon: <ExportOutlined />, label: <Link to={paths.exports}>{t('nav.exports')}</Link> },
            ...(canEdit() ? [{ key: paths.imports, icon: <ImportOutlined />, label: <Link to={paths.imports}>{t('nav.imports')}</Link> }] : []),
            ...(isAdmin
              ? [
                  { key: paths.settings, icon: <SettingOutlined />, label: <Link to={paths.settings}>{t('nav.settings')}</Link> },
                  { key: paths.admin, icon: <SafetyOutlined />, label: <Link to={paths.admin}>{t('nav.admin')}</Link> },
                ]
              : []),
          ]}
        />
        <Space>
          <span className="app-user" title={user?.username}>
            <UserOutlined /> <span className="app-user-name">{user?.displayName} · {user ? t(`roles.${user.role}`) : ''}</span>
          </span>
          <Button
            icon={<LogoutOutlined />}
            aria-label={t('login.logout')}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.login) })}
          />
          <Button
            icon={<TranslationOutlined />}
            onClick={() => setLanguage(isEnglish(i18n.language) ? 'zh-CN' : 'en')}
            aria-label="切换语言 / Switch language"
          >
            {t('app.language')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="app-footer">
        {t('app.subtitle')} · <a href={paths.apiDocs}>{t('app.apiDocs')}</a>
      </Layout.Footer>
    </Layout>
  );
}
