import { useEffect, type CSSProperties } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The page's one h1, and the browser tab's title ("活动台账 - 普法宣传台账"), in the UI language. */
export function PageTitle({ children, style }: { children: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  const app = t('app.title');
  useEffect(() => {
    document.title = children === app ? app : `${children} - ${app}`;
  }, [children, app]);
  return (
    <Typography.Title level={1} className="page-title" style={style}>
      {children}
    </Typography.Title>
  );
}
