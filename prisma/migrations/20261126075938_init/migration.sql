-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgUnitLevel" AS ENUM ('county', 'township', 'village');

-- CreateTable
CREATE TABLE "org_unit" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "level" "OrgUnitLevel" NOT NULL,
    "parent_id" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" SERIAL NOT NULL,
    "township_id" INTEGER NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "township_id" INTEGER,
    "is_builtin" BOOLEAN NOT NULL DEFAULT false,
    "start_month" INTEGER,
    "start_day" INTEGER,
    "end_month" INTEGER,
    "end_day" INTEGER,
    "description" VARCHAR(500) NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_period" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,

    CONSTRAINT "campaign_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "material_type" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "unit" VARCHAR(16) NOT NULL,
    "unit_en" VARCHAR(32) NOT NULL,
    "counts_as_leaflet" BOOLEAN NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "material_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_group" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "target_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_form" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "activity_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "law" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(150) NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "law_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "six_into_category" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "is_builtin" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "six_into_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" SERIAL NOT NULL,
    "township_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "title" VARCHAR(200) NOT NULL,
    "location" VARCHAR(200) NOT NULL DEFAULT '',
    "audience" INTEGER NOT NULL DEFAULT 0,
    "consultations" INTEGER NOT NULL DEFAULT 0,
    "notes" VARCHAR(2000) NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_village" (
    "event_id" INTEGER NOT NULL,
    "village_id" INTEGER NOT NULL,

    CONSTRAINT "event_village_pkey" PRIMARY KEY ("event_id","village_id")
);

-- CreateTable
CREATE TABLE "event_six_into" (
    "event_id" INTEGER NOT NULL,
    "category_code" VARCHAR(64) NOT NULL,

    CONSTRAINT "event_six_into_pkey" PRIMARY KEY ("event_id","category_code")
);

-- CreateTable
CREATE TABLE "event_form" (
    "event_id" INTEGER NOT NULL,
    "form_id" INTEGER NOT NULL,

    CONSTRAINT "event_form_pkey" PRIMARY KEY ("event_id","form_id")
);

-- CreateTable
CREATE TABLE "event_law" (
    "event_id" INTEGER NOT NULL,
    "law_id" INTEGER NOT NULL,

    CONSTRAINT "event_law_pkey" PRIMARY KEY ("event_id","law_id")
);

-- CreateTable
CREATE TABLE "event_department" (
    "event_id" INTEGER NOT NULL,
    "department_id" INTEGER NOT NULL,

    CONSTRAINT "event_department_pkey" PRIMARY KEY ("event_id","department_id")
);

-- CreateTable
CREATE TABLE "event_target_group" (
    "event_id" INTEGER NOT NULL,
    "target_group_id" INTEGER NOT NULL,

    CONSTRAINT "event_target_group_pkey" PRIMARY KEY ("event_id","target_group_id")
);

-- CreateTable
CREATE TABLE "event_material" (
    "event_id" INTEGER NOT NULL,
    "material_type_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "event_material_pkey" PRIMARY KEY ("event_id","material_type_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_code_key" ON "org_unit"("code");

-- CreateIndex
CREATE INDEX "org_unit_parent_id_idx" ON "org_unit"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "department_township_id_code_key" ON "department"("township_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_code_key" ON "campaign"("code");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_period_campaign_id_year_key" ON "campaign_period"("campaign_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "material_type_code_key" ON "material_type"("code");

-- CreateIndex
CREATE UNIQUE INDEX "target_group_code_key" ON "target_group"("code");

-- CreateIndex
CREATE UNIQUE INDEX "activity_form_code_key" ON "activity_form"("code");

-- CreateIndex
CREATE UNIQUE INDEX "law_code_key" ON "law"("code");

-- CreateIndex
CREATE UNIQUE INDEX "six_into_category_code_key" ON "six_into_category"("code");

-- CreateIndex
CREATE INDEX "event_township_id_start_date_idx" ON "event"("township_id", "start_date");

-- CreateIndex
CREATE INDEX "event_start_date_idx" ON "event"("start_date");

-- CreateIndex
CREATE INDEX "event_campaign_id_idx" ON "event"("campaign_id");

-- CreateIndex
CREATE INDEX "event_village_village_id_idx" ON "event_village"("village_id");

-- CreateIndex
CREATE INDEX "event_material_material_type_id_idx" ON "event_material"("material_type_id");

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_period" ADD CONSTRAINT "campaign_period_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_village" ADD CONSTRAINT "event_village_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_village" ADD CONSTRAINT "event_village_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_six_into" ADD CONSTRAINT "event_six_into_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_six_into" ADD CONSTRAINT "event_six_into_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "six_into_category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_form" ADD CONSTRAINT "event_form_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_form" ADD CONSTRAINT "event_form_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "activity_form"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_law" ADD CONSTRAINT "event_law_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_law" ADD CONSTRAINT "event_law_law_id_fkey" FOREIGN KEY ("law_id") REFERENCES "law"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_department" ADD CONSTRAINT "event_department_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_department" ADD CONSTRAINT "event_department_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_target_group" ADD CONSTRAINT "event_target_group_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_target_group" ADD CONSTRAINT "event_target_group_target_group_id_fkey" FOREIGN KEY ("target_group_id") REFERENCES "target_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_material" ADD CONSTRAINT "event_material_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_material" ADD CONSTRAINT "event_material_material_type_id_fkey" FOREIGN KEY ("material_type_id") REFERENCES "material_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
