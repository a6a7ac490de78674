CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"name" text PRIMARY KEY NOT NULL,
	"lsn" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "console_users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"workspace_id" text NOT NULL,
	"id_type" text NOT NULL,
	"id_value" text NOT NULL,
	"profile_id" text NOT NULL,
	"first_seen" bigint NOT NULL,
	CONSTRAINT "identities_workspace_id_id_type_id_value_pk" PRIMARY KEY("workspace_id","id_type","id_value")
);
--> statement-breakpoint
CREATE TABLE "identity_conflicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"profile_a" text NOT NULL,
	"profile_b" text NOT NULL,
	"id_type" text NOT NULL,
	"id_value" text NOT NULL,
	"message_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"status" text NOT NULL,
	"rows_total" bigint DEFAULT 0 NOT NULL,
	"rows_ok" bigint DEFAULT 0 NOT NULL,
	"rows_failed" bigint DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ingest_errors" (
	"workspace_id" text NOT NULL,
	"day" text NOT NULL,
	"code" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"last_message" text DEFAULT '' NOT NULL,
	CONSTRAINT "ingest_errors_workspace_id_day_code_pk" PRIMARY KEY("workspace_id","day","code")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "profile_merges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"from_profile" text NOT NULL,
	"into_profile" text NOT NULL,
	"reason" text NOT NULL,
	"message_id" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"merged_into" text,
	"user_id" text,
	"user_id_at" bigint,
	"email" text GENERATED ALWAYS AS ((traits->'email'->>0)) STORED,
	"phone" text GENERATED ALWAYS AS ((traits->'phone'->>0)) STORED,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen" bigint,
	"last_seen" bigint,
	"event_count" bigint DEFAULT 0 NOT NULL,
	"active_days" integer[] DEFAULT '{}'::int[] NOT NULL,
	"order_count" bigint DEFAULT 0 NOT NULL,
	"total_spend" double precision DEFAULT 0 NOT NULL,
	"refund_count" bigint DEFAULT 0 NOT NULL,
	"refund_total" double precision DEFAULT 0 NOT NULL,
	"first_order_at" bigint,
	"last_order_at" bigint,
	"categories" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recent" text DEFAULT '[]' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_workspace_id_profile_id_pk" PRIMARY KEY("workspace_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_workspace" ON "api_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "audit_workspace_at" ON "audit_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_email" ON "console_users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "identities_profile" ON "identities" USING btree ("workspace_id","profile_id");--> statement-breakpoint
CREATE INDEX "identities_value" ON "identities" USING btree ("workspace_id","id_value");--> statement-breakpoint
CREATE INDEX "identity_conflicts_ws" ON "identity_conflicts" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "imports_ws" ON "imports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "profile_merges_into" ON "profile_merges" USING btree ("workspace_id","into_profile");--> statement-breakpoint
CREATE INDEX "profiles_email" ON "profiles" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "profiles_phone" ON "profiles" USING btree ("workspace_id","phone");--> statement-breakpoint
CREATE INDEX "profiles_user" ON "profiles" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");