CREATE TABLE "auction_bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"auction_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"bidder_code" text NOT NULL,
	"priority_rank" integer,
	"amount" numeric(18, 2) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seq" integer NOT NULL,
	CONSTRAINT "auction_bids_seq" UNIQUE("auction_id","seq"),
	CONSTRAINT "auction_bids_amount_positive" CHECK ("auction_bids"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "auction_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"auction_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"bidder_code" text,
	"priority_rank" integer,
	"priority_holder" text,
	"deposit_amount" numeric(18, 2) NOT NULL,
	"deposit_state" text NOT NULL,
	"qualification_pledge" boolean NOT NULL,
	"eligibility_ref" text,
	"registered_at" timestamp with time zone NOT NULL,
	"qualified_at" timestamp with time zone,
	CONSTRAINT "auction_registrations_once" UNIQUE("auction_id","user_id"),
	CONSTRAINT "auction_registrations_code" UNIQUE("auction_id","bidder_code"),
	CONSTRAINT "auction_registrations_holder" UNIQUE("auction_id","priority_holder")
);
--> statement-breakpoint
CREATE TABLE "auction_sales" (
	"auction_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"registration_id" uuid,
	"buyer_id" uuid NOT NULL,
	"bidder_code" text,
	"buyer_name" text NOT NULL,
	"price" numeric(18, 2) NOT NULL,
	"deposit_applied" numeric(18, 2) NOT NULL,
	"balance" numeric(18, 2) NOT NULL,
	"balance_due_at" timestamp with time zone,
	"status" text NOT NULL,
	"letter_html" text NOT NULL,
	"letter_issued_at" timestamp with time zone NOT NULL,
	"ruling_no" text,
	"ruled_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"reneged_at" timestamp with time zone,
	"forfeiture" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"ref" text NOT NULL,
	"auction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"into_account" text NOT NULL,
	"for_account" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"pay_url" text,
	"bank_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payments_purpose_ref" UNIQUE("purpose","ref"),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"due_by" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"overdue_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"bank_ref" text,
	CONSTRAINT "refunds_one_per_payment" UNIQUE("payment_id"),
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_registration_id_auction_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."auction_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_registrations" ADD CONSTRAINT "auction_registrations_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_sales" ADD CONSTRAINT "auction_sales_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auction_bids_amount" ON "auction_bids" USING btree ("auction_id","amount");--> statement-breakpoint
CREATE INDEX "auction_registrations_asset_user" ON "auction_registrations" USING btree ("asset_id","user_id");--> statement-breakpoint
CREATE INDEX "auction_sales_due" ON "auction_sales" USING btree ("status","balance_due_at");--> statement-breakpoint
CREATE INDEX "auction_sales_letter" ON "auction_sales" USING btree ("letter_issued_at");--> statement-breakpoint
CREATE INDEX "payments_auction" ON "payments" USING btree ("auction_id");--> statement-breakpoint
CREATE INDEX "payments_payer" ON "payments" USING btree ("payer_id");--> statement-breakpoint
CREATE INDEX "refunds_status_due" ON "refunds" USING btree ("status","due_by");