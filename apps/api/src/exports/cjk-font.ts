// A font with Chinese glyphs for the PDF (pdfkit embeds only the glyphs used).
// None is bundled: a full CJK font is 15-20 MB. PDF_FONT names one; otherwise
// the usual places on Debian/Ubuntu (fonts-noto-cjk, fonts-wqy-microhei,
// fonts-droid-fallback), Kylin/UOS and Windows servers are tried.
import { existsSync } from 'node:fs';

export interface CjkFont {
  path: string;
  /** The face inside a .ttc collection. */
  family?: string;
}

const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
];

/** The font to use, or null: the PDF route then answers 503 saying what to install. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont | null {
  const configured = env.PDF_FONT?.trim();
  if (configured) return existsSync(configured) ? { path: configured, family: env.PDF_FONT_FAMILY?.trim() || undefined } : null;
  return CANDIDATES.find((font) => existsSync(font.path)) ?? null;
}

export const NO_CJK_FONT = {
  zh: '服务器缺少中文字体，无法生成 PDF：请安装 fonts-noto-cjk（或设置 PDF_FONT 指向一个中文字体文件）；也可用浏览器打印图文台账页面',
  en: 'The server has no Chinese font for the PDF: install fonts-noto-cjk (or set PDF_FONT to a Chinese font file), or print the evidence book page from the browser',
};
