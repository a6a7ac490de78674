CREATE TABLE "segment_sizes" (
	"workspace_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"at" bigint NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "segment_sizes_workspace_id_segment_id_at_pk" PRIMARY KEY("workspace_id","segment_id","at")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
