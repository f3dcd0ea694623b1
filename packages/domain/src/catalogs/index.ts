export * from './types.ts';
export * from './six-into.ts';
export * from './material-types.ts';
export * from './target-groups.ts';
export * from './activity-forms.ts';
export * from './laws.ts';
export * from './campaigns.ts';
export * from './departments.ts';
