CREATE TABLE "auction_proxy_bids" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"auction_id" uuid NOT NULL,
	"bidder_code" text NOT NULL,
	"max" numeric(18, 2) NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auction_proxy_bids_max_positive" CHECK ("auction_proxy_bids"."max" > 0)
);
--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "proxy_bidding" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "bid_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "auctions" ADD COLUMN "leading_bid_id" uuid;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD COLUMN "client_bid_id" text;--> statement-breakpoint
ALTER TABLE "auction_bids" ADD COLUMN "auto" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "auction_proxy_bids" ADD CONSTRAINT "auction_proxy_bids_registration_id_auction_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."auction_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auction_proxy_bids" ADD CONSTRAINT "auction_proxy_bids_auction_id_auctions_id_fk" FOREIGN KEY ("auction_id") REFERENCES "public"."auctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auction_proxy_bids_auction" ON "auction_proxy_bids" USING btree ("auction_id");--> statement-breakpoint
ALTER TABLE "auction_bids" ADD CONSTRAINT "auction_bids_client_id" UNIQUE("registration_id","client_bid_id");--> statement-breakpoint
UPDATE "auctions" a SET "bid_seq" = COALESCE((SELECT max(b."seq") FROM "auction_bids" b WHERE b."auction_id" = a."id"), 0), "leading_bid_id" = (SELECT b."id" FROM "auction_bids" b WHERE b."auction_id" = a."id" ORDER BY b."amount" DESC, b."priority_rank" ASC NULLS LAST, b."at" ASC, b."seq" ASC LIMIT 1);
