-- AlterTable
ALTER TABLE "login_failure" ADD COLUMN     "device" VARCHAR(64);

-- CreateTable
CREATE TABLE "login_device" (
    "token_hash" VARCHAR(64) NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_device_pkey" PRIMARY KEY ("token_hash","username")
);

-- CreateIndex
CREATE INDEX "login_device_last_used_at_idx" ON "login_device"("last_used_at");

-- CreateIndex
CREATE INDEX "login_failure_device_at_idx" ON "login_failure"("device", "at");
