// The data access the routes use, built once on the app's database.
import fp from 'fastify-plugin';
import {
  createAuditRepository,
  createCatalogRepository,
  createUserRepository,
  type AuditRepository,
  type UserRepository,
  createEventRepository,
  createReferenceRepository,
  createSharedCatalogRepository,
  createPlanRepository,
  createStatsRepository,
  type StatsRepository,
  type PlanRepository,
  type SharedCatalogRepository,
  type CatalogRepository,
  type Database,
  type EventRepository,
  type ReferenceRepository,
  createImportRepository,
  type ImportRepository,
  createSubmissionRepository,
  type SubmissionRepository,
  createCountyRepository,
  type CountyRepository,
  createProgressRepository,
  type ProgressRepository,
  createEvidenceRepository,
  type EvidenceRepository,
} from '@pufa/db';
import { FolderFileStore, type FileStore } from '../evidence/file-store.ts';
import { S3FileStore } from '../evidence/s3-file-store.ts';
import type { EvidenceSettings } from '../env.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    events: EventRepository;
    reference: ReferenceRepository;
    catalogs: CatalogRepository;
    users: UserRepository;
    audit: AuditRepository;
    sharedCatalogs: SharedCatalogRepository;
    plans: PlanRepository;
    stats: StatsRepository;
    imports: ImportRepository;
    submissions: SubmissionRepository;
    county: CountyRepository;
    progress: ProgressRepository;
    evidence: EvidenceRepository;
    fileStore: FileStore;
    evidenceSettings: EvidenceSettings;
  }
}

export const repositoriesPlugin = fp(
  async (app, { db, evidence }: { db: Database; evidence: EvidenceSettings }) => {
    app.decorate('db', db);
    app.decorate('events', createEventRepository(db));
    app.decorate('reference', createReferenceRepository(db.prisma));
    app.decorate('catalogs', createCatalogRepository(db.prisma));
    app.decorate('users', createUserRepository(db.prisma));
    app.decorate('audit', createAuditRepository(db.prisma));
    app.decorate('sharedCatalogs', createSharedCatalogRepository(db.prisma));
    app.decorate('plans', createPlanRepository(db.prisma, db.statements));
    app.decorate('stats', createStatsRepository(db.prisma));
    app.decorate('imports', createImportRepository(db.prisma));
    app.decorate('submissions', createSubmissionRepository(db));
    app.decorate('county', createCountyRepository(db));
    app.decorate('progress', createProgressRepository(db));
    app.decorate('evidence', createEvidenceRepository(db.prisma));
    const fileStore: FileStore = evidence.s3 ? new S3FileStore(evidence.s3) : new FolderFileStore(evidence.filesDir);
    app.decorate('fileStore', fileStore);
    if (fileStore instanceof S3FileStore) app.addHook('onClose', async () => fileStore.close());
    app.decorate('evidenceSettings', evidence);
  },
  { name: 'repositories' },
);
