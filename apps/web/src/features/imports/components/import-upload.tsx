// Step 1: the township, the year for dates written without one, and the file.
import { Alert, Flex, InputNumber, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { DownloadButton } from '../../exports/components/download-button.tsx';
import { TownshipSelect } from '../../reference/components/township-select.tsx';
import type { Lookups } from '../../reference/use-lookups.ts';
import { useUploadLedger } from '../api/imports.ts';

interface Props {
  lookups: Lookups;
  townshipId: number | undefined;
  onTownship: (id: number | undefined) => void;
  year: number | undefined;
  onYear: (year: number | undefined) => void;
  onUploaded: (batch: ImportBatch) => void;
}

export function ImportUpload({ lookups, townshipId, onTownship, year, onYear, onUploaded }: Props) {
  const { t, i18n } = useTranslation();
  const upload = useUploadLedger();
  // A refused file's reason stays under the drop area, by its name, until it is closed or
  // another file is picked (the mutation's state: reset on close, replaced by the next upload).
  const refused = upload.isError ? { name: upload.variables.file.name, reason: upload.error instanceof ApiRequestError ? upload.error.messageIn(i18n.language) : String(upload.error) } : null;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <TownshipSelect lookups={lookups} value={townshipId} onChange={onTownship} />
        <span>
          {t('imports.yearLabel')}{' '}
          <InputNumber aria-label={t('imports.yearLabel')} min={2000} max={2100} value={year} onChange={(v) => onYear(v ?? undefined)} placeholder={t('imports.yearPlaceholder')} style={{ width: 120 }} />
        </span>
        <DownloadButton path="/imports/template.xlsx" query={{ townshipId }} testId="download-template">{t('imports.template')}</DownloadButton>
      </Flex>
      <Upload.Dragger
        accept=".xlsx,.xls,.csv,.et"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file }) => {
          upload.mutate(
            { file: file as File, townshipId, year },
            {
              onSuccess: onUploaded,
            },
          );
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{upload.isPending ? t('imports.reading') : t('imports.drop')}</p>
        <Typography.Text type="secondary">{t('imports.formats')}</Typography.Text>
      </Upload.Dragger>
      {refused && (
        <Alert
          type="error"
          showIcon
          closable={{ 'aria-label': t('evidence.dismiss'), onClose: () => upload.reset() }}
          data-testid="import-upload-refusal"
          title={t('imports.fileRefused', { name: refused.name })}
          description={<>{refused.reason}<Typography.Text type="secondary" style={{ display: 'block' }}>{t('imports.fileRefusedHint')}</Typography.Text></>}
        />
      )}
    </Flex>
  );
}
