-- CreateTable
CREATE TABLE "plan_item" (
    "id" SERIAL NOT NULL,
    "township_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "title" VARCHAR(200) NOT NULL,
    "target_date" DATE,
    "target_month" INTEGER NOT NULL,
    "department_id" INTEGER,
    "target_audience" INTEGER NOT NULL DEFAULT 0,
    "target_leaflets" INTEGER NOT NULL DEFAULT 0,
    "notes" VARCHAR(1000) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_item_village" (
    "plan_item_id" INTEGER NOT NULL,
    "village_id" INTEGER NOT NULL,

    CONSTRAINT "plan_item_village_pkey" PRIMARY KEY ("plan_item_id","village_id")
);

-- CreateTable
CREATE TABLE "plan_item_six_into" (
    "plan_item_id" INTEGER NOT NULL,
    "category_code" VARCHAR(64) NOT NULL,

    CONSTRAINT "plan_item_six_into_pkey" PRIMARY KEY ("plan_item_id","category_code")
);

-- CreateTable
CREATE TABLE "plan_item_event" (
    "plan_item_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_item_event_pkey" PRIMARY KEY ("plan_item_id","event_id")
);

-- CreateIndex
CREATE INDEX "plan_item_township_id_year_idx" ON "plan_item"("township_id", "year");

-- CreateIndex
CREATE INDEX "plan_item_event_event_id_idx" ON "plan_item_event"("event_id");

-- AddForeignKey
ALTER TABLE "plan_item" ADD CONSTRAINT "plan_item_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item" ADD CONSTRAINT "plan_item_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item" ADD CONSTRAINT "plan_item_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_village" ADD CONSTRAINT "plan_item_village_plan_item_id_fkey" FOREIGN KEY ("plan_item_id") REFERENCES "plan_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_village" ADD CONSTRAINT "plan_item_village_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_six_into" ADD CONSTRAINT "plan_item_six_into_plan_item_id_fkey" FOREIGN KEY ("plan_item_id") REFERENCES "plan_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_six_into" ADD CONSTRAINT "plan_item_six_into_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "six_into_category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_event" ADD CONSTRAINT "plan_item_event_plan_item_id_fkey" FOREIGN KEY ("plan_item_id") REFERENCES "plan_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_event" ADD CONSTRAINT "plan_item_event_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
