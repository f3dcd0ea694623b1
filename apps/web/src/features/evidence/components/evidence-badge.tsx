// The ledger's evidence column: a camera with the photo count, a warning when a
// photo's date does not match its event, a dash when there is no evidence.
import { Tooltip, Typography } from 'antd';
import { CameraOutlined, PaperClipOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EventEvidenceSummary } from '@pufa/domain';

export function EvidenceBadge({ evidence }: { evidence: EventEvidenceSummary }) {
  const { t } = useTranslation();
  if (evidence.files === 0) return <Typography.Text type="secondary" aria-label={t('evidence.noPhotos')}>—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="evidence-count">
      <Tooltip title={t('evidence.count', { photos: evidence.photos, files: evidence.files })}>
        <span aria-label={t('evidence.count', { photos: evidence.photos, files: evidence.files })}>
          {evidence.photos > 0 ? <CameraOutlined /> : <PaperClipOutlined />} {evidence.photos > 0 ? evidence.photos : evidence.files}
        </span>
      </Tooltip>
      {evidence.mismatched > 0 && (
        <Tooltip title={t('evidence.dateMismatch')}>
          <WarningOutlined style={{ color: '#d46b08', marginInlineStart: 6 }} aria-label={t('evidence.dateMismatch')} />
        </Tooltip>
      )}
    </span>
  );
}
