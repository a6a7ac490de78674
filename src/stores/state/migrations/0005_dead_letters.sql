CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"applier" text NOT NULL,
	"spool_lsn" bigint NOT NULL,
	"spool_index" integer NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"event" text NOT NULL,
	"store" text NOT NULL,
	"error" text NOT NULL,
	"record" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_position" ON "dead_letters" USING btree ("applier","spool_lsn","spool_index");--> statement-breakpoint
CREATE INDEX "dead_letters_ws" ON "dead_letters" USING btree ("workspace_id","id");