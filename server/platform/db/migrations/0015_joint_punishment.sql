CREATE TABLE "credit_interceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"institution_code" text NOT NULL,
	"listing_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"action" text NOT NULL,
	"role" text NOT NULL,
	"prohibition" text,
	"description" text NOT NULL,
	"amount" text,
	"check_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_check_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"check_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"id_number" text NOT NULL,
	"name" text,
	"listed" boolean NOT NULL,
	"restricted" boolean NOT NULL,
	"answer" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid,
	"institution_code" text NOT NULL,
	"via" text,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"refusal_code" text,
	"subject_count" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_code" text NOT NULL,
	"url" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "joint_subscriptions" (
	"institution_code" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "joint_check_answers" ADD CONSTRAINT "joint_check_answers_check_id_joint_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."joint_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_interceptions_request" ON "credit_interceptions" USING btree ("institution_code","request_id","listing_id");--> statement-breakpoint
CREATE INDEX "credit_interceptions_case" ON "credit_interceptions" USING btree ("case_id","received_at");--> statement-breakpoint
CREATE INDEX "joint_check_answers_check" ON "joint_check_answers" USING btree ("check_id","position");--> statement-breakpoint
CREATE INDEX "joint_check_answers_id_number" ON "joint_check_answers" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "joint_checks_request" ON "joint_checks" USING btree ("institution_code","request_id") WHERE "joint_checks"."status" = 'answered' and "joint_checks"."request_id" is not null;--> statement-breakpoint
CREATE INDEX "joint_checks_at" ON "joint_checks" USING btree ("at");--> statement-breakpoint
CREATE INDEX "joint_deliveries_due" ON "joint_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "joint_deliveries_institution" ON "joint_deliveries" USING btree ("institution_code","created_at");