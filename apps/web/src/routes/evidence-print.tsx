// 图文台账 for the browser's "Print" / "Save as PDF": each event on a page of
// its own, in date order, with its figures and up to four photos; the office's
// name and the page number in the page margins (CSS @page margin boxes).
import { Button, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { photoDateNote } from '@pufa/domain';
import { isEnglish } from '../lib/i18n.ts';
import { useEvidenceBook } from '../features/exports/api/report.ts';
import { thumbnailUrl } from '../features/evidence/api/files.ts';
import { LoadError } from './load-error.tsx';
import { PageTitle } from '../components/page-title.tsx';

export function EvidencePrintRoute() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const year = new Date().getFullYear();
  const scope = { from: search.get('from') ?? `${year}-01-01`, to: search.get('to') ?? `${year}-12-31`, orgUnitId: Number(search.get('orgUnitId')) || undefined };
  const book = useEvidenceBook(scope);
  if (book.error) return <LoadError error={book.error} onRetry={() => void book.refetch()} />;
  if (!book.data) return <Spin />;
  const english = isEnglish(i18n.language);
  const b = book.data;
  const office = english ? b.unitNameEn : b.unitName;
  return (
    <article className="evidence-print">
      {/* The office's name in the top margin of every printed page. */}
      <style>{`@page { size: A4; margin: 18mm 14mm; @top-left { content: ${JSON.stringify(`${office} · ${t('exports.evidenceTitle')}`)}; font-size: 9pt; color: #666; } @bottom-center { content: counter(page); font-size: 9pt; } }`}</style>
      <Button className="no-print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} style={{ float: 'right' }}>{t('exports.print')}</Button>
      <section className="evidence-cover">
        <PageTitle style={{ textAlign: 'center', fontSize: 28 }}>{t('exports.evidenceTitle')}</PageTitle>
        <p style={{ textAlign: 'center', fontSize: 18 }}>{office}</p>
        <p style={{ textAlign: 'center' }}>{b.from} ~ {b.to}</p>
        <p style={{ textAlign: 'center' }}>
          {t('totals.activities')} {b.totals.activities} {t('common.unit.times')} · {t('totals.audience')} {b.totals.audience} {t('common.unit.personTimes')} · {t('totals.leaflets')} {b.totals.leaflets} {t('common.unit.copies')}
        </p>
      </section>
      {b.events.map((event) => (
        <section key={event.id} className="evidence-event" data-testid="evidence-event">
          <h2>{event.startDate}{event.endDate && event.endDate !== event.startDate ? ` ~ ${event.endDate}` : ''} {event.title}</h2>
          <p className="evidence-figures">
            {event.figures.map((f) => <span key={f.label}>{f.label}{t('common.colon')}{f.value}</span>)}
          </p>
          {event.notes && <p className="evidence-figures">{event.notes}</p>}
          {event.photos.length === 0 ? (
            <Typography.Text type="danger">{t('evidence.none')}</Typography.Text>
          ) : (
            <div className="evidence-photos">
              {event.photos.map((photo) => (
                <figure key={photo.id}>
                  <img src={thumbnailUrl(photo.id, 'large')} alt={photo.caption || photo.originalName} loading="eager" />
                  <figcaption>
                    {photo.caption || photo.originalName}
                    {/* The photo's day beside it, for the county to compare with the event's date above. */}
                    {photoDateNote(photo) && <span className={photo.dateMismatch ? 'evidence-photo-date evidence-photo-date-off' : 'evidence-photo-date'}>{english ? photoDateNote(photo)!.en : photoDateNote(photo)!.zh}</span>}
                  </figcaption>
                </figure>
              ))}
            </div>
          )}
          {event.fileCount > event.photos.length && <p className="evidence-more">{t('exports.filesMore', { count: event.fileCount - event.photos.length })}</p>}
        </section>
      ))}
    </article>
  );
}
