export * from './catalogs.ts';
export * from './org-units.ts';
export * from './demo.ts';
export * from './random.ts';
