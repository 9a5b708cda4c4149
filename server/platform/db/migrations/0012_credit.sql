CREATE TABLE "consumption_restrictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"contact" text,
	"reasons" text NOT NULL,
	"status" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"due_by" timestamp with time zone NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"overdue_flagged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"listing_id" uuid NOT NULL,
	"years" integer NOT NULL,
	"reason" text NOT NULL,
	"from_expires_at" timestamp with time zone NOT NULL,
	"to_expires_at" timestamp with time zone NOT NULL,
	"extended_by" uuid NOT NULL,
	"extended_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_listings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"court_name" text NOT NULL,
	"party_id" uuid NOT NULL,
	"debtor_kind" text NOT NULL,
	"debtor_name" text NOT NULL,
	"debtor_id_number" text NOT NULL,
	"legal_rep_name" text,
	"legal_rep_id_number" text,
	"ground" text NOT NULL,
	"evidence" text NOT NULL,
	"status" text NOT NULL,
	"listed_by" uuid NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"extensions" integer DEFAULT 0 NOT NULL,
	"removal_cause" text,
	"removal_due_at" timestamp with time zone,
	"removal_due_by" timestamp with time zone,
	"removal_reason" text,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD CONSTRAINT "consumption_restrictions_listing_id_credit_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."credit_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_corrections" ADD CONSTRAINT "credit_corrections_listing_id_credit_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."credit_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_extensions" ADD CONSTRAINT "credit_extensions_listing_id_credit_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."credit_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consumption_restrictions_listing" ON "consumption_restrictions" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "consumption_restrictions_id_number" ON "consumption_restrictions" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_corrections_pending" ON "credit_corrections" USING btree ("listing_id") WHERE "credit_corrections"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "credit_corrections_court_status" ON "credit_corrections" USING btree ("court_id","status");--> statement-breakpoint
CREATE INDEX "credit_extensions_listing" ON "credit_extensions" USING btree ("listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_listings_current" ON "credit_listings" USING btree ("case_id","party_id") WHERE "credit_listings"."status" = 'listed';--> statement-breakpoint
CREATE INDEX "credit_listings_case" ON "credit_listings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "credit_listings_id_number" ON "credit_listings" USING btree ("debtor_id_number");--> statement-breakpoint
CREATE INDEX "credit_listings_name" ON "credit_listings" USING btree ("debtor_name");--> statement-breakpoint
CREATE INDEX "credit_listings_status_expires" ON "credit_listings" USING btree ("status","expires_at");