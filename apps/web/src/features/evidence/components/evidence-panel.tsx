// 影像资料 on the event page: upload (drag and drop, paste, the phone's camera,
// several at once with a progress bar each), a gallery of lazy thumbnails with
// a full view (arrows and keyboard: antd Image.PreviewGroup, named, with the
// photo's caption and date), documents as a list, captions, order, delete and
// restore. While the event's month or year is submitted or approved the files
// are locked like its figures: nothing to change is offered, and the panel says why.
import { useState } from 'react';
import type { UploadFile } from 'antd';
import { Alert, App, Button, Card, Empty, Flex, Image, List, Space, Tooltip, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, CameraOutlined, DeleteOutlined, FileOutlined, InboxOutlined, UndoOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_ACCEPT, EVIDENCE_LIMITS, photoDateNote, type Bilingual, type EventFile } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { fileUrl, thumbnailUrl, useEventFiles, useFileChange, useInvalidateFiles } from '../api/files.ts';
import { uploadOrQueue } from '../../../offline/queue-actions.ts';
import { usePermissions } from '../../auth/use-permissions.ts';
import { useEventPeriodLock } from '../api/period-lock.ts';

interface Props {
  event: { id: number; townshipId: number; startDate: string; title?: string };
  /** The user may change this township's events (the period lock aside). */
  editable: boolean;
}

/** The photo-date note: dark text on a pale warning ground (7:1), wrapping inside the card. */
const mismatchStyle = { display: 'flex', gap: 4, alignItems: 'flex-start', margin: '4px 0', padding: '2px 6px', background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 4, color: '#613400', lineHeight: 1.4, overflowWrap: 'anywhere' } as const;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

export function EvidencePanel({ event, editable: mayEdit }: Props) {
  const eventId = event.id;
  // Without a network the picked files wait in the outbox (offline/queue-actions.ts).
  const uploadEvidence = uploadOrQueue(usePermissions().user?.id, event);
  const { t, i18n } = useTranslation();
  const pick = (words: Bilingual) => (isEnglish(i18n.language) ? words.en : words.zh);
  const lock = useEventPeriodLock(event.townshipId, event.startDate, mayEdit);
  const editable = mayEdit && !lock;
  const [current, setCurrent] = useState(0);
  const { message } = App.useApp();
  const files = useEventFiles(eventId);
  const change = useFileChange(eventId);
  const invalidate = useInvalidateFiles(eventId);
  // Uploads in progress or refused; a finished one leaves the list and appears in the gallery.
  const [uploads, setUploads] = useState<UploadFile[]>([]);
  const uploading = uploads.filter((f) => f.status === 'uploading').length;
  // Both upload controls (the area and the camera button) list here: a refused file stays, with
  // the server's reason under its name, until it is removed or picked again; a finished one goes
  // (it is in the gallery).
  const track = (picked: UploadFile) => {
    // antd draws each upload's progress bar with the file's aria-label: its name, for screen readers.
    const file: UploadFile = { ...picked, 'aria-label': t('evidence.uploadProgress', { name: picked.name }) };
    const gone = file.status === 'done' || file.status === 'removed';
    setUploads((list) => {
      if (gone) return list.filter((f) => f.uid !== file.uid);
      if (list.some((f) => f.uid === file.uid)) return list.map((f) => (f.uid === file.uid ? file : f));
      // Picked again: the new attempt replaces the refused one of the same name.
      return [...list.filter((f) => !(f.status === 'error' && f.name === file.name)), file];
    });
    if (file.status === 'done' || file.status === 'error') void invalidate();
  };
  const refusal = (file: UploadFile) => {
    const body = file.response as { message?: string; messageEn?: string } | undefined;
    return (isEnglish(i18n.language) ? body?.messageEn : body?.message) ?? t('evidence.failed');
  };

  const live = (files.data ?? []).filter((f) => !f.deletedAt);
  const deleted = (files.data ?? []).filter((f) => f.deletedAt);
  const photos = live.filter((f) => f.kind === 'image');
  const documents = live.filter((f) => f.kind === 'document');
  const failed = (error: unknown) => void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : t('evidence.failed'));
  const run = (action: Parameters<typeof change.mutate>[0]) => change.mutate(action, { onError: failed });
  const move = (file: EventFile, by: number) => run({ id: file.id, kind: 'patch', patch: { position: live.indexOf(file) + by } });

  const altOf = (file: EventFile) => [file.caption || file.originalName, photoDateNote(file) && pick(photoDateNote(file)!)].filter(Boolean).join('，');

  const caption = (file: EventFile) =>
    editable ? (
      <Typography.Text
        type={file.caption ? undefined : 'secondary'}
        editable={{ text: file.caption, maxLength: EVIDENCE_LIMITS.captionLength, tooltip: t('evidence.editCaption'), triggerType: ['icon', 'text'], onChange: (text) => text !== file.caption && run({ id: file.id, kind: 'patch', patch: { caption: text } }) }}
      >
        {file.caption || t('evidence.noCaption')}
      </Typography.Text>
    ) : (
      <Typography.Text>{file.caption}</Typography.Text>
    );

  const actions = (file: EventFile) =>
    editable && (
      <Space size={0}>
        <Tooltip title={t('evidence.moveEarlier')}><Button size="small" type="text" aria-label={t('evidence.moveEarlier')} icon={<ArrowLeftOutlined />} disabled={live.indexOf(file) === 0} onClick={() => move(file, -1)} /></Tooltip>
        <Tooltip title={t('evidence.moveLater')}><Button size="small" type="text" aria-label={t('evidence.moveLater')} icon={<ArrowRightOutlined />} disabled={live.indexOf(file) === live.length - 1} onClick={() => move(file, 1)} /></Tooltip>
        <Tooltip title={t('common.delete')}><Button size="small" type="text" danger aria-label={`${t('common.delete')} ${file.originalName}`} icon={<DeleteOutlined />} onClick={() => run({ id: file.id, kind: 'delete' })} /></Tooltip>
      </Space>
    );

  return (
    <Card size="small" title={<span><CameraOutlined /> {t('evidence.title')} <Typography.Text type="secondary">{t('evidence.count', { photos: photos.length, files: live.length })}</Typography.Text></span>} data-testid="evidence-panel">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {mayEdit && lock && <Alert type="info" showIcon message={t('evidence.locked', { reason: pick(lock) })} data-testid="evidence-locked" />}
        {editable && (
          <Upload.Dragger
            name="file"
            multiple
            pastable
            accept={EVIDENCE_ACCEPT}
            action={`/api/events/${eventId}/files`}
            customRequest={uploadEvidence}
            fileList={uploads}
            onChange={({ file }) => track(file)}
            showUploadList={{ showRemoveIcon: true }}
            itemRender={(node, file) =>
              file.status === 'error' ? (
                <div>
                  {node}
                  <div role="alert" className="upload-refusal" data-testid="upload-refusal">
                    {t('evidence.refused', { reason: refusal(file) })}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('evidence.refusedHint')}</Typography.Text>
                  </div>
                </div>
              ) : (
                node
              )
            }
            aria-label={t('evidence.upload')}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('evidence.upload')}</p>
            <p className="ant-upload-hint">{t('evidence.uploadHint', { mb: EVIDENCE_LIMITS.fileBytes / 1024 / 1024 })}</p>
          </Upload.Dragger>
        )}
        {/* On a phone this opens the camera straight away; the area above still picks files. */}
        {editable && (
          <Upload name="file" accept="image/*" capture="environment" action={`/api/events/${eventId}/files`} customRequest={uploadEvidence} showUploadList={false}
            onChange={({ file }) => track(file)}>
            <Button icon={<CameraOutlined />}>{t('evidence.takePhoto')}</Button>
          </Upload>
        )}
        {uploading > 0 && <Typography.Text type="secondary">{t('evidence.uploading', { count: uploading })}</Typography.Text>}
        {files.isSuccess && live.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.none')} />}
        {photos.length > 0 && (
          <Image.PreviewGroup
            items={photos.map((file) => ({ src: thumbnailUrl(file.id, 'large'), alt: altOf(file) }))}
            preview={{
              // Which photo is open: from the thumbnail opened (below), then the arrows.
              onChange: setCurrent,
              // The dialog's name: which photo of how many, and what it shows.
              alt: photos[current] ? t('evidence.fullView', { index: current + 1, count: photos.length, name: altOf(photos[current]) }) : undefined,
              imageRender: (image, info) => {
                const file = photos[info.current ?? current];
                const note = file && photoDateNote(file);
                return (
                  <>
                    {image}
                    {file && (
                      <div className="evidence-full-caption" data-testid="evidence-full-caption">
                        <div>{file.caption || file.originalName}</div>
                        {note && <div className={file.dateMismatch ? 'evidence-full-mismatch' : undefined}>{file.dateMismatch && <WarningOutlined />} {pick(note)}</div>}
                      </div>
                    )}
                  </>
                );
              },
            }}
          >
            <Flex wrap gap={12}>
              {photos.map((file, index) => (
                <figure key={file.id} style={{ margin: 0, width: 168 }} data-testid="evidence-photo" onClickCapture={() => setCurrent(index)} onKeyDownCapture={() => setCurrent(index)}>
                  <Image
                    width={168}
                    height={126}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    src={thumbnailUrl(file.id)}
                    preview={{ src: thumbnailUrl(file.id, 'large') }}
                    alt={altOf(file)}
                    loading="lazy"
                  />
                  <figcaption style={{ fontSize: 12 }}>
                    {file.dateMismatch && (
                      <div style={mismatchStyle} data-testid="evidence-date-note">
                        <WarningOutlined aria-hidden style={{ marginTop: 3 }} />
                        <span>{pick(photoDateNote(file) ?? { zh: '', en: '' }) || t('evidence.dateMismatch')}</span>
                      </div>
                    )}
                    <div>{caption(file)}</div>
                    <Flex justify="space-between" align="center">
                      <a href={fileUrl(file.id)} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>{t('evidence.original')}</a>
                      {actions(file)}
                    </Flex>
                  </figcaption>
                </figure>
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
        {documents.length > 0 && (
          <List
            size="small"
            dataSource={documents}
            renderItem={(file) => (
              <List.Item actions={editable ? [actions(file)] : []}>
                {/* Not List.Item.Meta: its title is an h4, out of order under the page's h1 (axe heading-order). */}
                <Flex gap={8} align="flex-start">
                  <FileOutlined aria-hidden style={{ marginTop: 4 }} />
                  <div>
                    <a href={fileUrl(file.id)}>{file.originalName}</a>
                    <div>{caption(file)} <Typography.Text type="secondary">{megabytes(file.bytes)}</Typography.Text></div>
                  </div>
                </Flex>
              </List.Item>
            )}
          />
        )}
        {editable && deleted.length > 0 && (
          <details>
            <summary>{t('evidence.deleted', { count: deleted.length })}</summary>
            <List
              size="small"
              dataSource={deleted}
              renderItem={(file) => (
                <List.Item actions={[<Button key="restore" size="small" icon={<UndoOutlined />} onClick={() => run({ id: file.id, kind: 'restore' })}>{t('evidence.restore')}</Button>]}>
                  {file.originalName}
                </List.Item>
              )}
            />
          </details>
        )}
      </Space>
    </Card>
  );
}
