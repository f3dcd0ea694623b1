// What a file can be refused for, apart from the reader itself, so that routes
// can name these errors without loading the spreadsheet libraries at start.
import { IMPORT_LIMITS, type Bilingual } from '@pufa/domain';

export class LedgerFileError extends Error {
  constructor(
    readonly statusCode: number,
    readonly words: Bilingual,
  ) {
    super(words.en);
    this.name = 'LedgerFileError';
  }
}

export const FILE_ERRORS = {
  empty: { zh: '文件是空的', en: 'The file is empty' },
  notSpreadsheet: { zh: '这不是电子表格文件：请上传 Excel（.xlsx、.xls）、WPS 表格或 CSV 文件', en: 'This is not a spreadsheet: upload an Excel (.xlsx, .xls), WPS or CSV file' },
  password: { zh: '文件设有密码保护：请在 Excel/WPS 中取消密码后另存，再上传', en: 'The file is password-protected: remove the password in Excel/WPS, save, and upload again' },
  corrupt: { zh: '文件已损坏或不完整，无法读取', en: 'The file is damaged or incomplete and cannot be read' },
  tooLarge: { zh: `文件过大：不能超过 ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB`, en: `The file is too large: at most ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB` },
  unzippedTooLarge: { zh: '文件解压后过大（可能是恶意构造的压缩文件），已拒绝', en: 'The file is too large once unpacked (possibly a crafted zip); refused' },
  tooManyRows: { zh: `行数过多：一次最多导入 ${IMPORT_LIMITS.rows.toLocaleString('en-US')} 行，请分成几个文件`, en: `Too many rows: at most ${IMPORT_LIMITS.rows.toLocaleString('en-US')} rows per import; split the file` },
  tooManyColumns: { zh: `列数过多：最多 ${IMPORT_LIMITS.columns} 列`, en: `Too many columns: at most ${IMPORT_LIMITS.columns}` },
  tooManyCells: { zh: '单元格过多，请分成几个文件导入', en: 'Too many cells; split the file' },
  tooManySheets: { zh: `工作表过多：最多 ${IMPORT_LIMITS.sheets} 个`, en: `Too many sheets: at most ${IMPORT_LIMITS.sheets}` },
  noSheets: { zh: '文件中没有工作表', en: 'The file has no sheets' },
} satisfies Record<string, Bilingual>;

