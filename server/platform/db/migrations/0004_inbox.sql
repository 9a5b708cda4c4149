CREATE TABLE "inbox_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_code" text NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"type" text NOT NULL,
	"case_id" uuid,
	"case_no" text NOT NULL,
	"court_name" text NOT NULL,
	"official_name" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text NOT NULL,
	"result" jsonb,
	"reason" text,
	"received_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid
);
--> statement-breakpoint
CREATE INDEX "inbox_institution_status" ON "inbox_notices" USING btree ("institution_code","status","received_at");