// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
// The Prisma CLI would download a native engine from a host that offline and
// government networks cannot reach; the WASM build ships inside the npm package
// and talks to the database through our driver adapter. See
// docs/architecture.md#migrations for why, and ../shared/notes/prisma-offline.md.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as runtime from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// @types/node 20 does not declare the WebAssembly global; this is the part we use.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, unknown>): Promise<{ exports: Record<string, unknown> }>;
};

let initialised: Promise<void> | undefined;

/** Instantiates the WASM module once per process (the package's own entry needs experimental Node flags). */
function initWasm(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': withUnrefTimers(runtime) });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (runtime as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

/**
 * The engine arms long timers (connection housekeeping) that would keep a
 * finished script alive for seconds; unref them so they never hold the process.
 */
function withUnrefTimers(imports: Record<string, unknown>): Record<string, unknown> {
  const patched = { ...imports };
  for (const [name, fn] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof fn !== 'function') continue;
    patched[name] = (...args: unknown[]) => {
      const timer = fn(...args) as { unref?: () => void };
      timer.unref?.();
      return timer;
    };
  }
  return patched;
}

export type EngineLog = (message: string) => void;

/** Opens a schema engine on the database behind a driver adapter factory. */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  await initWasm();
  const Engine = (runtime as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  return Engine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
