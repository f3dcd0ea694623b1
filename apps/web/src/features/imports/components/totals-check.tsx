// The file's own 合计 rows against what the import will count: a difference is
// never silent, each one comes with the rows that explain it (from the domain's
// reconciliation, packages/domain/src/import/analyze.ts).
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

export function TotalsCheck({ batch }: { batch: ImportBatch }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const checks = batch.sheets.flatMap((sheet) => sheet.totals.map((check) => ({ sheet, check })));
  if (checks.length === 0) return null;
  const differ = checks.some((c) => !c.check.matches);
  return (
    <Alert
      type={differ ? 'warning' : 'success'}
      showIcon
      style={{ marginTop: 12 }}
      data-testid="import-totals"
      message={t('imports.totals.title')}
      description={
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          {checks.map(({ sheet, check }, i) => (
            <div key={i} data-testid={check.matches ? 'total-agrees' : 'total-differs'}>
              <Tag color={check.matches ? 'green' : 'orange'}>{t(check.matches ? 'imports.totals.agree' : 'imports.totals.differ')}</Tag>
              <Typography.Text type="secondary">{t('imports.totals.sheet', { sheet: sheet.name, row: check.rowNumber })}</Typography.Text>{' '}
              <Typography.Text>{english ? check.messageEn : check.message}</Typography.Text>
            </div>
          ))}
        </Space>
      }
    />
  );
}
