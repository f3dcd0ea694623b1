// The built web app as a phone on a village network gets it: compressed, hashed
// assets cached for good, index.html always revalidated. A dist folder is made
// here with the same layout the Vite build writes (each file, its .br and .gz).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppPlugin } from '../src/plugins/web-app.ts';

const script = `console.log(${JSON.stringify('普法'.repeat(2000))});`;
const page = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-abc123.js"></script></head><body></body></html>';
let dir: string;
const app = Fastify();

async function writeWithCompressed(file: string, text: string) {
  await writeFile(file, text);
  await writeFile(`${file}.br`, brotliCompressSync(text));
  await writeFile(`${file}.gz`, gzipSync(text));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pufa-dist-'));
  await mkdir(path.join(dir, 'assets'));
  await writeWithCompressed(path.join(dir, 'index.html'), page);
  await writeWithCompressed(path.join(dir, 'assets/index-abc123.js'), script);
  // The service worker and manifest vite-plugin-pwa writes at the top of the build.
  await writeFile(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(dir, 'manifest.webmanifest'), JSON.stringify({ name: '普法台账' }));
  await app.register(webAppPlugin, { distDir: dir });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('sends brotli or gzip as the browser accepts, with Vary, and the plain file otherwise', async () => {
    const br = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);

    const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('caches hashed assets for good and revalidates every page', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/events/12', '/dashboard']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(page);
    }
  });

  it('sends the service worker and the manifest with their types, and never lets a cache keep sw.js', async () => {
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/^application\/javascript/);
    // A cached sw.js would hide a new build from the browser's update check.
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await app.inject({ url: '/manifest.webmanifest' });
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.json()).toEqual({ name: '普法台账' });
  });

  it('answers 404 for a missing file instead of the page', async () => {
    expect((await app.inject({ url: '/assets/missing-000.js' })).statusCode).toBe(404);
  });
});
