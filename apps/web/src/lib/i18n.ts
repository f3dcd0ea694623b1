// UI language: Simplified Chinese by default, English on request; remembered in
// localStorage. Ant Design and dayjs follow the same choice (app/antd-provider.tsx).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en.ts';
import { zhCN } from '../locales/zh-CN.ts';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'pufa.language';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const initialLanguage = savedLanguage();
// The page's language for screen readers, spell checkers and translation offers; the tab title
// follows too (PageTitle sets each page's).
document.documentElement.lang = initialLanguage;

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  // No advertisement in the console.
  showSupportNotice: false,
});

export function setLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export const isEnglish = (language: string) => language.startsWith('en');

export { i18n };
