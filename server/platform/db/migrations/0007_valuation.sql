CREATE TABLE "valuation_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"party" text NOT NULL,
	"party_name" text NOT NULL,
	"grounds" text NOT NULL,
	"statement" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"status" text NOT NULL,
	"ruled_at" timestamp with time zone,
	"ruled_by" uuid,
	"ruling" text
);
--> statement-breakpoint
CREATE TABLE "valuation_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_code" text NOT NULL,
	"source_name" text NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"extensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"amount" numeric(18, 2),
	"report_no" text,
	"issued_at" timestamp with time zone,
	"recorded_at" timestamp with time zone,
	"report_valid_until" timestamp with time zone,
	"details" jsonb,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "valuation_results_amount_positive" CHECK ("valuation_results"."amount" is null or "valuation_results"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "valuation_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"valuation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone,
	"extended_at" timestamp with time zone,
	"amount" numeric(18, 2),
	"result_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivery_method" text,
	"received_at" timestamp with time zone,
	"objection_deadline" timestamp with time zone,
	"agreement" jsonb,
	"details" jsonb,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "valuation_steps_amount_positive" CHECK ("valuation_steps"."amount" is null or "valuation_steps"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "valuations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"asset_kind" text NOT NULL,
	"asset_identifier" text NOT NULL,
	"asset_description" text NOT NULL,
	"indicative_value" numeric(18, 2),
	"status" text NOT NULL,
	"method" text NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"amount" numeric(18, 2),
	"fixed_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "valuations_amount_positive" CHECK ("valuations"."amount" is null or "valuations"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_step_id_valuation_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."valuation_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_result_id_valuation_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."valuation_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_results" ADD CONSTRAINT "valuation_results_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_results" ADD CONSTRAINT "valuation_results_step_id_valuation_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."valuation_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_steps" ADD CONSTRAINT "valuation_steps_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "valuation_objections_step" ON "valuation_objections" USING btree ("step_id","filed_at");--> statement-breakpoint
CREATE INDEX "valuation_results_step" ON "valuation_results" USING btree ("step_id","position");--> statement-breakpoint
CREATE INDEX "valuation_results_due" ON "valuation_results" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "valuation_results_source" ON "valuation_results" USING btree ("step_id","source_code");--> statement-breakpoint
CREATE UNIQUE INDEX "valuation_steps_seq" ON "valuation_steps" USING btree ("valuation_id","seq");--> statement-breakpoint
CREATE INDEX "valuation_steps_due" ON "valuation_steps" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "valuation_steps_objections_due" ON "valuation_steps" USING btree ("status","objection_deadline");--> statement-breakpoint
CREATE INDEX "valuations_case" ON "valuations" USING btree ("case_id","started_at");--> statement-breakpoint
CREATE INDEX "valuations_measure" ON "valuations" USING btree ("measure_id","started_at");--> statement-breakpoint
CREATE INDEX "valuations_due" ON "valuations" USING btree ("status","valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "valuations_one_live_per_measure" ON "valuations" USING btree ("measure_id") WHERE status in ('running', 'fixed');