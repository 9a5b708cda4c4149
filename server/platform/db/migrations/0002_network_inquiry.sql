CREATE TABLE "network_journal" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"message_id" text NOT NULL,
	"correlation_id" text NOT NULL,
	"institution_code" text NOT NULL,
	"type" text NOT NULL,
	"direction" text NOT NULL,
	"attempt" integer NOT NULL,
	"http_status" integer,
	"duration_ms" integer,
	"payload" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"correlation_id" text NOT NULL,
	"case_id" uuid,
	"type" text NOT NULL,
	"institution_code" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"reply" jsonb,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "received_callbacks" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"institution_code" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debtor_assets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"debtor_id_number" text NOT NULL,
	"institution_code" text NOT NULL,
	"asset_ref" text NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL,
	"description" text NOT NULL,
	"balance" numeric(18, 2),
	"indicative_value" numeric(18, 2),
	"encumbrances" jsonb NOT NULL,
	"last_inquiry_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "debtor_assets_ref" UNIQUE("institution_code","asset_ref")
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"debtor_name" text NOT NULL,
	"debtor_id_number" text NOT NULL,
	"debtor_kind" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"kinds" jsonb,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"timed_out" integer DEFAULT 0 NOT NULL,
	"assets_found" integer DEFAULT 0 NOT NULL,
	"balance_found" numeric(18, 2) DEFAULT '0' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inquiry_targets" (
	"inquiry_id" uuid NOT NULL,
	"institution_code" text NOT NULL,
	"message_id" uuid NOT NULL,
	"status" text NOT NULL,
	"asset_count" integer DEFAULT 0 NOT NULL,
	"balance_found" numeric(18, 2) DEFAULT '0' NOT NULL,
	"error" text,
	"settled_at" timestamp with time zone,
	CONSTRAINT "inquiry_targets_inquiry_id_institution_code_pk" PRIMARY KEY("inquiry_id","institution_code")
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "mode" text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "webhook_url" text;--> statement-breakpoint
CREATE INDEX "network_journal_case" ON "network_journal" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "network_journal_message" ON "network_journal" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_case" ON "outbox_messages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "debtor_assets_debtor" ON "debtor_assets" USING btree ("debtor_id_number");--> statement-breakpoint
CREATE INDEX "inquiries_case" ON "inquiries" USING btree ("case_id","started_at");--> statement-breakpoint
CREATE INDEX "inquiry_targets_status" ON "inquiry_targets" USING btree ("inquiry_id","status");