CREATE TABLE "auction_approvals" (
	"auction_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auction_approvals_auction_id_version_user_id_pk" PRIMARY KEY("auction_id","version","user_id")
);
--> statement-breakpoint
CREATE TABLE "auction_panel_members" (
	"auction_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "auction_panel_members_auction_id_user_id_pk" PRIMARY KEY("auction_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "auctions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"court_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"measure_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"asset_kind" text NOT NULL,
	"asset_identifier" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"city" text NOT NULL,
	"round" integer NOT NULL,
	"previous_auction_id" uuid,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"valuation_id" uuid NOT NULL,
	"reference_method" text NOT NULL,
	"reference_price" numeric(18, 2) NOT NULL,
	"reference_fixed_at" timestamp with time zone NOT NULL,
	"reference_valid_until" timestamp with time zone NOT NULL,
	"starting_price" numeric(18, 2) NOT NULL,
	"deposit" numeric(18, 2) NOT NULL,
	"increment" numeric(18, 2) NOT NULL,
	"announcement_at" timestamp with time zone NOT NULL,
	"bidding_starts_at" timestamp with time zone NOT NULL,
	"bidding_ends_at" timestamp with time zone NOT NULL,
	"balance_due_days" integer NOT NULL,
	"disclosures" jsonb NOT NULL,
	"priority_holders" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	"first_announced_at" timestamp with time zone,
	"live_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"suspended_from" text,
	"suspended_at" timestamp with time zone,
	"suspension_reason" text,
	"resumed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"fixed_price" numeric(18, 2),
	"fixed_price_starts_at" timestamp with time zone,
	"fixed_price_ends_at" timestamp with time zone,
	CONSTRAINT "auctions_round" CHECK ("auctions"."round" between 1 and 2),
	CONSTRAINT "auctions_amounts_positive" CHECK ("auctions"."starting_price" > 0 and "auctions"."deposit" > 0 and "auctions"."increment" > 0 and "auctions"."reference_price" > 0),
	CONSTRAINT "auctions_window" CHECK ("auctions"."bidding_ends_at" > "auctions"."bidding_starts_at")
);
--> statement-breakpoint
ALTER TABLE "auction_approvals" ADD CONSTRAINT "auction_approvals_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_panel_members" ADD CONSTRAINT "auction_panel_members_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auctions_court" ON "auctions" USING btree ("court_id","created_at");--> statement-breakpoint
CREATE INDEX "auctions_case" ON "auctions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "auctions_status_announce" ON "auctions" USING btree ("status","announcement_at");--> statement-breakpoint
CREATE INDEX "auctions_status_start" ON "auctions" USING btree ("status","bidding_starts_at");--> statement-breakpoint
CREATE INDEX "auctions_status_end" ON "auctions" USING btree ("status","bidding_ends_at");--> statement-breakpoint
CREATE INDEX "auctions_public" ON "auctions" USING btree ("announced_at","bidding_starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "auctions_one_active_per_asset" ON "auctions" USING btree ("asset_id") WHERE status in ('draft', 'approved', 'announced', 'live', 'suspended', 'fixed_price_sale');--> statement-breakpoint
CREATE UNIQUE INDEX "auctions_one_relist" ON "auctions" USING btree ("previous_auction_id") WHERE previous_auction_id is not null and status <> 'withdrawn';