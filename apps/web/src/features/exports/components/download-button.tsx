// A button that downloads an export and shows how much has arrived while a long one streams.
import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { downloadFile } from '../../../lib/download.ts';

interface Props {
  path: string;
  query: Record<string, string | number | undefined>;
  children: ReactNode;
  type?: ButtonProps['type'];
  testId?: string;
}

export function DownloadButton({ path, query, children, type, testId }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [received, setReceived] = useState<number | null>(null);
  const start = async () => {
    setReceived(0);
    try {
      await downloadFile(path, query, setReceived);
    } catch (e) {
      void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
    } finally {
      setReceived(null);
    }
  };
  return (
    <Button type={type} icon={<DownloadOutlined />} loading={received !== null} onClick={() => void start()} data-testid={testId}>
      {children}
      {received !== null && received > 0 && ` (${t('exports.received', { size: (received / 1024).toFixed(0) })})`}
    </Button>
  );
}
