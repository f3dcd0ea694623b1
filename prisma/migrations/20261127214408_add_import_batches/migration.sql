-- CreateTable
CREATE TABLE "import_batch" (
    "id" SERIAL NOT NULL,
    "township_id" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "file_sha256" VARCHAR(64) NOT NULL,
    "file_bytes" INTEGER NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'preview',
    "sheets" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committed_at" TIMESTAMPTZ(3),
    "committed_by_id" INTEGER,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" INTEGER,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batch_event" (
    "batch_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "row_id" VARCHAR(16) NOT NULL,

    CONSTRAINT "import_batch_event_pkey" PRIMARY KEY ("batch_id","event_id")
);

-- CreateTable
CREATE TABLE "import_profile" (
    "township_id" INTEGER NOT NULL,
    "mapping" JSONB NOT NULL,
    "aliases" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_profile_pkey" PRIMARY KEY ("township_id")
);

-- CreateIndex
CREATE INDEX "import_batch_township_id_created_at_idx" ON "import_batch"("township_id", "created_at");

-- CreateIndex
CREATE INDEX "import_batch_township_id_file_sha256_idx" ON "import_batch"("township_id", "file_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "import_batch_event_event_id_key" ON "import_batch_event"("event_id");

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch_event" ADD CONSTRAINT "import_batch_event_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batch_event" ADD CONSTRAINT "import_batch_event_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_profile" ADD CONSTRAINT "import_profile_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
