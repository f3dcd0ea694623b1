// The ledger (活动台账) as offices keep it on paper: one row per event with
// every field. Used by the workbook's ledger sheet and by the CSV.
import { leafletTotal, type Event } from '@pufa/domain';
import type { Names } from './scope-names.ts';

export interface LedgerColumn {
  zh: string;
  en: string;
  width: number;
  numeric?: boolean;
  /** Summed in the ledger's totals row. */
  totalled?: boolean;
  value: (event: Event, names: Names, index: number) => string | number;
  /** Printed beside an event's photos in the 图文台账. */
  inEvidenceBook?: boolean;
}

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { zh: '序号', en: 'No.', width: 6, numeric: true, value: (_e, _n, i) => i + 1 },
  { zh: '日期', en: 'Date', width: 12, value: (e) => e.startDate },
  { zh: '结束日期', en: 'End date', width: 12, value: (e) => e.endDate ?? '' },
  { zh: '乡镇(街道)', en: 'Township', width: 12, value: (e, n) => n.name(n.unit(e.townshipId)) },
  { zh: '活动主题', en: 'Title', width: 32, value: (e) => e.title },
  { inEvidenceBook: true, zh: '宣传节点', en: 'Campaign', width: 18, value: (e, n) => n.list('campaign', e.campaignId ? [e.campaignId] : []) },
  { inEvidenceBook: true, zh: '地点', en: 'Location', width: 16, value: (e) => e.location },
  { inEvidenceBook: true, zh: '覆盖村(社区)', en: 'Villages reached', width: 24, value: (e, n) => e.villageIds.map((id) => n.name(n.unit(id))).join(n.lang === 'en' ? ', ' : '、') },
  { zh: '法律“六进”', en: 'Six-into places', width: 16, value: (e, n) => n.list('sixInto', e.sixInto) },
  { inEvidenceBook: true, zh: '活动形式', en: 'Forms', width: 18, value: (e, n) => n.list('form', e.formIds) },
  { zh: '宣传法律', en: 'Laws publicised', width: 24, value: (e, n) => n.list('law', e.lawIds) },
  { inEvidenceBook: true, zh: '参与单位', en: 'Departments', width: 20, value: (e, n) => n.list('department', e.departmentIds) },
  { zh: '宣传对象', en: 'Target groups', width: 16, value: (e, n) => n.list('targetGroup', e.targetGroupIds) },
  { inEvidenceBook: true, zh: '受众(人次)', en: 'Audience (person-times)', width: 12, numeric: true, totalled: true, value: (e) => e.audience },
  { inEvidenceBook: true, zh: '咨询(人次)', en: 'Consultations', width: 12, numeric: true, totalled: true, value: (e) => e.consultations },
  {
    inEvidenceBook: true,
    zh: '宣传资料(份)',
    en: 'Leaflets',
    width: 12,
    numeric: true,
    totalled: true,
    value: (e, n) => leafletTotal(e.materials, n.leafletRules),
  },
  {
    zh: '发放资料明细',
    en: 'Materials handed out',
    width: 28,
    value: (e, n) =>
      e.materials
        .map((m) => {
          const type = n.materialType(m.materialTypeId);
          return `${n.name(type)} ${m.quantity}${type ? (n.lang === 'en' ? ` ${type.unitEn}` : type.unit) : ''}`;
        })
        .join(n.lang === 'en' ? ', ' : '、'),
  },
  { zh: '备注', en: 'Notes', width: 24, value: (e) => e.notes },
];

/** The figures of one event as label and value, for the 图文台账; empty ones left out. */
export const evidenceBookFigures = (event: Event, names: Names) =>
  LEDGER_COLUMNS.filter((c) => c.inEvidenceBook)
    .map((c) => ({ label: c[names.lang], value: String(c.value(event, names, 0)) }))
    .filter((f) => f.value !== '');

export const ledgerHeader = (lang: 'zh' | 'en') => LEDGER_COLUMNS.map((c) => c[lang]);
export const ledgerRow = (event: Event, names: Names, index: number) => LEDGER_COLUMNS.map((c) => c.value(event, names, index));
