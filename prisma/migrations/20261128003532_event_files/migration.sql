-- CreateTable
CREATE TABLE "event_file" (
    "id" SERIAL NOT NULL,
    "event_id" INTEGER NOT NULL,
    "storage_key" VARCHAR(200) NOT NULL,
    "original_name" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(120) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "taken_at" TIMESTAMPTZ(3),
    "has_gps" BOOLEAN NOT NULL DEFAULT false,
    "date_mismatch" BOOLEAN NOT NULL DEFAULT false,
    "caption" VARCHAR(500) NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" INTEGER,

    CONSTRAINT "event_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "event_file_storage_key_key" ON "event_file"("storage_key");

-- CreateIndex
CREATE INDEX "event_file_event_id_sort_order_idx" ON "event_file"("event_id", "sort_order");

-- AddForeignKey
ALTER TABLE "event_file" ADD CONSTRAINT "event_file_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
