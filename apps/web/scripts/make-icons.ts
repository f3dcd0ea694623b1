// Draws the app's icons (the 法 tile of the header) as PNGs for the web app manifest:
// 192 and 512 px "any" icons, a 512 px maskable one (the glyph inside the central 80% safe zone
// on a full-bleed background) and a 180 px apple-touch-icon. The PNGs are committed, so a build
// needs neither sharp nor a CJK font; run again only when the logo changes:
//   npx tsx apps/web/scripts/make-icons.ts   (needs a CJK font, e.g. Debian's fonts-noto-cjk)
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const BLUE = '#0958d9';

/** The tile: rounded for "any", full-bleed with a smaller glyph for "maskable". */
function svg(size: number, maskable: boolean): string {
  const radius = maskable ? 0 : size * 0.1875;
  const font = size * (maskable ? 0.46 : 0.6);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${radius}" fill="${BLUE}"/>
  <text x="50%" y="50%" dy="0.35em" font-size="${font}" text-anchor="middle" fill="#fff" font-weight="700"
    font-family="Noto Sans CJK SC, Noto Serif CJK SC, WenQuanYi Micro Hei, Droid Sans Fallback, sans-serif">法</text>
</svg>`;
}

await mkdir(out, { recursive: true });
const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];
for (const icon of icons) {
  await sharp(Buffer.from(svg(icon.size, icon.maskable))).png({ compressionLevel: 9, palette: true }).toFile(path.join(out, icon.file));
  console.log(`${icon.file} ${icon.size}px`);
}
