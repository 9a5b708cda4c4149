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
CREATE INDEX "ledger_transactions_case" ON "ledger_transactions" USING btree ("case_id","at");--> statement-breakpoint
-- The ledger is double-entry: at commit, every transaction's debits must equal its credits and it must have at least
-- two entries (a deferred constraint trigger, so the entries of one transaction can be inserted one by one).
CREATE OR REPLACE FUNCTION ledger_check_balanced() RETURNS trigger AS $$
DECLARE
  d numeric;
  c numeric;
  n integer;
BEGIN
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
  IF d <> c OR n < 2 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: debits %, credits %, % entries', NEW.transaction_id, d, c, n USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
--> statement-breakpoint
-- Append-only, like the audit trail: a posted transaction is corrected by another transaction, never edited.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
