import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { useLogin, useMe } from '../features/auth/api/session.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { isEnglish, setLanguage } from '../lib/i18n.ts';

/** Only paths of this app are followed after sign-in (no open redirect). */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home);

type Field = 'username' | 'password';

/**
 * The first screen of a new visit, in plain HTML and CSS that look like the Ant Design pages
 * (styles.css, `.login-*`): it loads without Ant Design, so a phone on a slow network shows the
 * form after React, the router and the words alone (docs/performance.md, "First screen").
 */
export function LoginRoute() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Record<Field, boolean>>({ username: false, password: false });
  // A long password typed on a phone in the sun: let the clerk see what was typed.
  const [showPassword, setShowPassword] = useState(false);
  const next = safeNext(search.get('next'));
  const title = t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  if (me.data) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = { username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') };
    const empty = { username: !values.username, password: !values.password };
    setMissing(empty);
    // A submit the fields refuse (empty) clears the last answer too: it no longer applies.
    setError(null);
    if (empty.username || empty.password) {
      event.currentTarget.querySelector<HTMLInputElement>(empty.username ? '#login-username' : '#login-password')?.focus();
      return;
    }
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (e) => setError(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
    });
  };
  const clearMissing = (field: Field) => () => missing[field] && setMissing((m) => ({ ...m, [field]: false }));

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-head">
          <span className="app-logo login-logo" aria-hidden>法</span>
          <h1 className="login-title">{title}</h1>
          <p className="login-subtitle">{t('login.subtitle')}</p>
        </div>
        <form onSubmit={onSubmit} noValidate>
          <div className="login-field">
            <label htmlFor="login-username" className="login-label-required">{t('login.username')}</label>
            <input
              id="login-username" name="username" className="login-input" autoComplete="username" autoFocus required
              aria-invalid={missing.username || undefined} aria-describedby={missing.username ? 'login-username-error' : undefined}
              onInput={clearMissing('username')}
            />
            {missing.username && <div id="login-username-error" className="login-field-error">{t('login.usernameRequired')}</div>}
          </div>
          <div className="login-field">
            <label htmlFor="login-password" className="login-label-required">{t('login.password')}</label>
            <div className="login-password">
              <input
                id="login-password" name="password" className="login-input" type={showPassword ? 'text' : 'password'} autoComplete="current-password" required
                aria-invalid={missing.password || undefined} aria-describedby={missing.password ? 'login-password-error' : undefined}
                onInput={clearMissing('password')}
              />
              <button type="button" className="login-link login-show-password" aria-pressed={showPassword} aria-controls="login-password" onClick={() => setShowPassword((shown) => !shown)}>
                {t('login.showPassword')}
              </button>
            </div>
            {missing.password && <div id="login-password-error" className="login-field-error">{t('login.passwordRequired')}</div>}
          </div>
          {error && <div className="login-alert" role="alert">{error}</div>}
          <button type="submit" className="login-submit" aria-busy={login.isPending || undefined} disabled={login.isPending}>
            {login.isPending && <span className="login-spinner" aria-hidden />}
            {t('login.submit')}
          </button>
        </form>
        <div className="login-language">
          <button
            type="button"
            className="login-link"
            onClick={() => setLanguage(isEnglish(i18n.language) ? 'zh-CN' : 'en')}
            aria-label={`${t('app.language')} (切换语言 / Switch language)`}
            lang={isEnglish(i18n.language) ? 'zh-CN' : 'en'}
          >
            {t('app.language')}
          </button>
        </div>
      </div>
    </main>
  );
}
