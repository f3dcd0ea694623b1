import { Button, Layout, Menu, Space, Typography } from 'antd';
import { CalendarOutlined, PlusOutlined, TableOutlined, TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { paths } from '../config/paths.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const selected = [paths.newEvent, paths.settings].find((p) => pathname === p) ?? paths.events;
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
            { key: paths.events, icon: <TableOutlined />, label: <Link to={paths.events}>{t('nav.events')}</Link> },
            { key: paths.newEvent, icon: <PlusOutlined />, label: <Link to={paths.newEvent}>{t('nav.newEvent')}</Link> },
            { key: paths.settings, icon: <CalendarOutlined />, label: <Link to={paths.settings}>{t('nav.settings')}</Link> },
          ]}
        />
        <Space>
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
