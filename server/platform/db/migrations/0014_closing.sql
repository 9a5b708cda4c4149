CREATE TABLE "closing_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"recheck_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"asset_count" integer NOT NULL,
	"value_found" numeric(18, 2) NOT NULL,
	"assets" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "closing_rechecks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"termination_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"inquiry_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"assets_found" integer DEFAULT 0 NOT NULL,
	"value_found" numeric(18, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creditor_interviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"interviewed_on" date NOT NULL,
	"content" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "closing_alerts_recheck" ON "closing_alerts" USING btree ("recheck_id");--> statement-breakpoint
CREATE INDEX "closing_alerts_court" ON "closing_alerts" USING btree ("court_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "closing_rechecks_termination_seq" ON "closing_rechecks" USING btree ("termination_id","seq");--> statement-breakpoint
CREATE INDEX "closing_rechecks_due" ON "closing_rechecks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "closing_rechecks_case" ON "closing_rechecks" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "creditor_interviews_case" ON "creditor_interviews" USING btree ("case_id","recorded_at");