ALTER TABLE "inquiries" ADD COLUMN "runner_id" uuid;--> statement-breakpoint
ALTER TABLE "inquiries" ADD COLUMN "lease_until" timestamp with time zone;