CREATE TABLE "deductions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"declined_by" uuid,
	"declined_at" timestamp with time zone,
	"declined_reason" text,
	"message_id" uuid,
	"transfer_ref" text,
	"deducted_amount" numeric(18, 2),
	"rejection_reason" text,
	"completed_at" timestamp with time zone,
	CONSTRAINT "deductions_message_id_unique" UNIQUE("message_id"),
	CONSTRAINT "deductions_amount_positive" CHECK ("deductions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"debtor_id_number" text NOT NULL,
	"institution_code" text NOT NULL,
	"asset_ref" text NOT NULL,
	"asset_kind" text NOT NULL,
	"asset_identifier" text NOT NULL,
	"asset_description" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"requested_amount" numeric(18, 2),
	"frozen_amount" numeric(18, 2),
	"deducted_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"rank" integer,
	"indivisible" boolean DEFAULT false NOT NULL,
	"indivisible_reason" text,
	"measure_ref" text,
	"expires_at" timestamp with time zone NOT NULL,
	"ordered_by" uuid NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"reminded_at" timestamp with time zone,
	"pending_order" text,
	"renew_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "measures_amounts_not_negative" CHECK (coalesce("measures"."requested_amount", 0) >= 0 and coalesce("measures"."frozen_amount", 0) >= 0 and "measures"."deducted_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"transaction_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"account" text NOT NULL,
	"debit" numeric(18, 2) DEFAULT '0' NOT NULL,
	"credit" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "ledger_entries_transaction_id_line_pk" PRIMARY KEY("transaction_id","line"),
	CONSTRAINT "ledger_entries_one_side" CHECK (("ledger_entries"."debit" > 0 and "ledger_entries"."credit" = 0) or ("ledger_entries"."credit" > 0 and "ledger_entries"."debit" = 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"memo" text NOT NULL,
	"ref" text NOT NULL,
	CONSTRAINT "ledger_transactions_kind_ref" UNIQUE("kind","ref")
);
--> statement-breakpoint
ALTER TABLE "deductions" ADD CONSTRAINT "deductions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deductions_case" ON "deductions" USING btree ("case_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deductions_one_open_per_measure" ON "deductions" USING btree ("measure_id") WHERE status in ('awaiting_approval', 'approved');--> statement-breakpoint
CREATE INDEX "measures_case" ON "measures" USING btree ("case_id","ordered_at");--> statement-breakpoint
CREATE INDEX "measures_due" ON "measures" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "measures_court_expiry" ON "measures" USING btree ("court_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_institution_ref" ON "measures" USING btree ("institution_code","measure_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_one_active_per_asset" ON "measures" USING btree ("case_id","asset_id") WHERE status in ('pending', 'in_force', 'queued');--> statement-breakpoint
CREATE INDEX "ledger_entries_account" ON "ledger_entries" USING btree ("account");--> statement-breakpoint
CREATE INDEX "ledger_transactions_case" ON "ledger_transactions" USING btree ("case_id","at");