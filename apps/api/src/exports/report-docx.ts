// The report section as a Word document (.docx): the paragraph with exact
// figures, the rounded wording, and the figures as a table.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { AnnualReport, ExportLanguage } from '@pufa/domain';

const FONT = { ascii: 'Times New Roman', eastAsia: 'SimSun', hAnsi: 'Times New Roman' };

export async function annualReportDocx(report: AnnualReport, lang: ExportLanguage): Promise<Buffer> {
  const f = report.figures;
  const zh = lang === 'zh';
  const period = `${f.from} ~ ${f.to}`;
  const rows: [string, string][] = [
    [zh ? '开展活动（次）' : 'Activities', String(f.activities)],
    [zh ? '发放宣传资料（份）' : 'Leaflets handed out', String(f.leaflets)],
    ...f.materials.map((m): [string, string] => [zh ? `${m.name}（${m.unit}）` : `${m.nameEn} (${m.unitEn})`, String(m.quantity)]),
    [zh ? '受众（人次）' : 'Audience (person-times)', String(f.audience)],
    [zh ? '法律咨询（人次）' : 'Legal consultations', String(f.consultations)],
    [zh ? '覆盖村（社区）' : 'Villages reached', `${f.villagesReached} / ${f.villagesTotal}`],
  ];
  const text = (t: string, bold = false) => new TextRun({ text: t, bold, font: FONT, size: 28 });
  const body = (t: string) => new Paragraph({ children: [text(t)], indent: { firstLine: 560 }, spacing: { line: 460 } });
  const doc = new Document({
    creator: 'Pufa Tracker',
    title: zh ? '法治宣传教育工作情况' : 'Legal publicity',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun({ text: zh ? '法治宣传教育工作情况' : 'Legal publicity and education', font: FONT, bold: true, size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`${zh ? f.unitName : f.unitNameEn}  ${period}`)] }),
          body(zh ? report.paragraphs.exact : report.paragraphs.english),
          ...(zh ? [new Paragraph({ children: [text('约数表述：', true)] }), body(report.paragraphs.rounded)] : []),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(([label, value]) => new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [text(label)] })] }), new TableCell({ children: [new Paragraph({ children: [text(value)] })] })] })),
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
