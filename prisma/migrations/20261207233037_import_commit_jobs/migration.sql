-- AlterTable
ALTER TABLE "export_job" ADD COLUMN     "result" JSONB;

-- AlterTable
ALTER TABLE "import_batch" ADD COLUMN     "commit_job_id" UUID;

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_commit_job_id_fkey" FOREIGN KEY ("commit_job_id") REFERENCES "export_job"("id") ON DELETE SET NULL ON UPDATE CASCADE;
