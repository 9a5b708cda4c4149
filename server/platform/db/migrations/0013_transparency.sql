CREATE TABLE "case_query_codes" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_query_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"channel" text NOT NULL,
	"petitioner_name" text NOT NULL,
	"petitioner_role" text NOT NULL,
	"contact" text,
	"content" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_by" uuid,
	"assign_due_at" timestamp with time zone NOT NULL,
	"answer_due_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"assign_reminded_at" timestamp with time zone,
	"answer_reminded_at" timestamp with time zone,
	"assign_overdue_at" timestamp with time zone,
	"answer_overdue_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "petitions_court_status" ON "petitions" USING btree ("court_id","status","received_at");--> statement-breakpoint
CREATE INDEX "petitions_case" ON "petitions" USING btree ("case_id","received_at");--> statement-breakpoint
CREATE INDEX "petitions_due" ON "petitions" USING btree ("status","answer_due_at");