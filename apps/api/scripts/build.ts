// Bundles the server into dist/server.mjs (and its lazy chunks) for `npm start`: Node then loads one
// plain JavaScript file instead of compiling ~150 TypeScript modules through tsx
// on every start (time and ~memory a long-running server does not need).
// Our own packages (@pufa/*) are bundled; everything from npm stays an import.
// dist/ sits as deep as packages/db/src, so repoRoot (import.meta.url + '../../../') holds.
import { build } from 'esbuild';

/** Another folder for the bundle (the test that starts it); it must sit at the same depth. */
const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: ['src/server.ts', 'src/worker.ts'],
  outdir,
  outExtension: { '.js': '.mjs' },
  // Code split at every dynamic import, so what the server loads on first use
  // (ExcelJS, docx, SheetJS, the schema engine) stays out of its memory until then.
  // Chunks sit beside server.mjs (not in a subfolder): see repoRoot above.
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@pufa/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
