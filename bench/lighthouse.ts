// `npm run bench:lighthouse`: Lighthouse 12 (mobile, its default) on the login page, the ledger
// and the dashboard of a running app, signed in as the demo leader: performance score, LCP, bytes
// sent, accessibility score and cumulative layout shift (CLS). A measurement, not a test; figures go to docs/performance.md.
// Start the app first (`npm start`, or PORT=3400 DATA_DIR=/tmp/x npm start) and pass its URL:
//   npm run bench:lighthouse -- --url http://127.0.0.1:3000 [--runs 3] [--pages login,ledger,dashboard]
// Before/after: start a second server on another build (WEB_DIST_DIR=/path/to/old/dist PORT=… npm
// start, or the API from its sources) and pass it as --compare; the two are measured in turns, run
// by run, so the machine's load hits both alike:
//   npm run bench:lighthouse -- --url http://127.0.0.1:3000 --compare http://127.0.0.1:3001 --pages login
// Lighthouse runs through npx at a pinned version (12.2.3: 12.8 and 13 want Node 22) with
// Debian's Chromium; nothing is downloaded but the npm package.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    runs: { type: 'string', default: '3' },
    compare: { type: 'string' },
    pages: { type: 'string', default: 'login,ledger,dashboard' },
    user: { type: 'string', default: 'leader' },
    password: { type: 'string', default: process.env.DEMO_PASSWORD || 'pufa-demo-2026' },
  },
});
const after = values.url.replace(/\/$/, '');
const before = values.compare?.replace(/\/$/, '');
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

async function sessionCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: values.user, password: values.password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pufa_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

interface Result {
  accessibility: number;
  performance: number;
  /** Largest contentful paint, ms (simulated slow 4G, as Lighthouse's mobile default). */
  lcp: number;
  /** Bytes transferred for the page (compressed as sent). */
  bytes: number;
  cls: number;
  failing: string[];
}

async function lighthouse(base: string, path: string, cookie: string | null, dir: string): Promise<Result> {
  const output = join(dir, 'report.json');
  const args = [
    '--yes', 'lighthouse@12.2.3', `${base}${path}`,
    '--only-categories=accessibility,performance', '--output=json', `--output-path=${output}`, '--quiet',
    `--chrome-flags=${CHROME_FLAGS}`,
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  await run('npx', args, { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(await readFile(output, 'utf8'));
  const a11y = report.categories.accessibility;
  const failing = a11y.auditRefs
    .map((ref: { id: string }) => report.audits[ref.id])
    .filter((audit: { score: number | null }) => audit.score !== null && audit.score < 1)
    .map((audit: { id: string }) => audit.id);
  return {
    accessibility: Math.round(a11y.score * 100),
    performance: Math.round(report.categories.performance.score * 100),
    lcp: report.audits['largest-contentful-paint'].numericValue,
    bytes: report.audits['total-byte-weight'].numericValue,
    cls: report.audits['cumulative-layout-shift'].numericValue, failing };
}

const dir = await mkdtemp(join(tmpdir(), 'pufa-lighthouse-'));
try {
  const builds = [...(before ? [{ name: 'before', base: before }] : []), { name: before ? 'after' : '', base: after }];
  const cookies = new Map<string, string>();
  for (const build of builds) cookies.set(build.base, await sessionCookie(build.base));
  const all = [
    { name: 'login', path: '/login', signedIn: false },
    { name: 'ledger', path: '/events', signedIn: true },
    { name: 'dashboard', path: '/dashboard', signedIn: true },
  ];
  const wanted = values.pages.split(',');
  const pages = all.filter((p) => wanted.includes(p.name));
  const [load1] = loadavg();
  console.log(`Lighthouse 12.2.3, mobile, ${values.runs} runs each, ${builds.map((b) => `${b.name || 'build'} ${b.base}`).join(', ')}; load average ${load1!.toFixed(1)}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()})`);
  console.log('page       build   performance (median, all)  LCP ms (median)  KiB sent (median)  accessibility  CLS (median, max)  failing accessibility audits');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const page of pages) {
    const results = new Map<string, Result[]>(builds.map((b) => [b.base, []]));
    for (let i = 0; i < Number(values.runs); i += 1) {
      for (const build of builds) results.get(build.base)!.push(await lighthouse(build.base, page.path, page.signedIn ? cookies.get(build.base)! : null, dir));
    }
    for (const build of builds) {
      const runs = results.get(build.base)!;
      const cls = runs.map((r) => r.cls).sort((a, b) => a - b);
      const scores = [...new Set(runs.map((r) => r.accessibility))].join('/');
      const failing = [...new Set(runs.flatMap((r) => r.failing))].join(', ') || '—';
      const perf = `${median(runs.map((r) => r.performance))} (${runs.map((r) => r.performance).join(', ')})`.padEnd(26);
      const lcp = `${Math.round(median(runs.map((r) => r.lcp)))}`.padEnd(16);
      const kib = `${Math.round(median(runs.map((r) => r.bytes)) / 1024)}`.padEnd(18);
      console.log(`${page.name.padEnd(10)} ${build.name.padEnd(7)} ${perf} ${lcp} ${kib} ${scores.padEnd(14)} ${cls[Math.floor(cls.length / 2)]!.toFixed(3)}, ${cls.at(-1)!.toFixed(3)}       ${failing}`);
    }
  }
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
