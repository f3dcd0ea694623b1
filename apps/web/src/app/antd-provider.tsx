// Ant Design's theme, locale and App context (message, modal, notification hooks) for the pages
// that use Ant Design: the signed-in app frame (app/signed-in.tsx) and the update banner. Kept out
// of the first download: the login page is plain HTML and CSS (routes/login.tsx), so a new visit
// on a phone does not wait for Ant Design.
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { isEnglish } from '../lib/i18n.ts';

export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      // Darker than Ant Design's defaults where its text fails WCAG AA contrast (4.5:1): the
      // primary blue on white and white on it (#1677ff: 4.1:1), secondary text (45% black:
      // 3.4:1) and placeholders (25% black: 1.8:1).
      theme={{
        token: {
          colorPrimary: '#0958d9',
          colorLink: '#0958d9',
          // Hover too (a button's text turns this colour under the pointer): the derived #2e7ae6
          // is 4.2:1 on white; this is 5:1, as the login page's hover.
          colorPrimaryHover: '#1d6ae5',
          colorLinkHover: '#1d6ae5',
          // Ant Design's red (#ff4d4f, 3.2:1 on white) is the danger buttons' and errors' text.
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          borderRadius: 6,
        },
      }}
      // "保存", not "保 存": a button's label reads as typed.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
