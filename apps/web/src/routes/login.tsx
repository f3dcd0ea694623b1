import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined, TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { PageTitle } from '../components/page-title.tsx';
import { useLogin, useMe } from '../features/auth/api/session.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';

/** Only paths of this app are followed after sign-in (no open redirect). */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home);

export function LoginRoute() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(search.get('next'));
  if (me.data) return <Navigate to={next} replace />;
  return (
    <main className="login-page">
      <Card className="login-card">
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <span className="app-logo" style={{ width: 48, height: 48, fontSize: 24 }} aria-hidden>法</span>
          <PageTitle style={{ marginTop: 12, marginBottom: 8 }}>{t('app.title')}</PageTitle>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Form
          layout="vertical"
          // A submit the fields refuse (empty) clears the last answer: it no longer applies.
          onFinishFailed={() => setError(null)}
          onFinish={(values: { username: string; password: string }) => {
            setError(null);
            login.mutate(values, {
              onSuccess: () => void navigate(next, { replace: true }),
              onError: (e) => setError(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
            });
          }}
        >
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>{t('login.submit')}</Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button
            type="link"
            icon={<TranslationOutlined />}
            onClick={() => setLanguage(isEnglish(i18n.language) ? 'zh-CN' : 'en')}
            aria-label={`${t('app.language')} (切换语言 / Switch language)`}
            lang={isEnglish(i18n.language) ? 'zh-CN' : 'en'}
          >
            {t('app.language')}
          </Button>
        </div>
      </Card>
    </main>
  );
}
