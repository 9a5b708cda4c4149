DROP INDEX "credit_interceptions_request";--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ALTER COLUMN "listing_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_interceptions" ALTER COLUMN "listing_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "party_id" uuid;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "court_id" uuid;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "court_name" text;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "case_no" text;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "ordered_by" uuid;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "order_reason" text;--> statement-breakpoint
ALTER TABLE "consumption_restrictions" ADD COLUMN "ended_reason" text;--> statement-breakpoint
CREATE INDEX "consumption_restrictions_case" ON "consumption_restrictions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consumption_restrictions_order_in_force" ON "consumption_restrictions" USING btree ("case_id","party_id","subject") WHERE "consumption_restrictions"."listing_id" is null and "consumption_restrictions"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_interceptions_request_case" ON "credit_interceptions" USING btree ("institution_code","request_id","case_id");