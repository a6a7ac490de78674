-- Free-text search over trait values (the profile list's `q`). Before, it read `traits::text`
-- of every profile row (42 s at 1 M profiles: the rows are wide and ILIKE is slow on UTF-8).
-- Now each profile's trait values live here, lower-cased, one per line, written by triggers on
-- `profiles` only when the traits change. Keys and the event times beside each value are left out:
-- searching for "city" or a year should not match every profile.
CREATE TABLE "profile_search" (
	"workspace_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"trait_text" text NOT NULL,
	CONSTRAINT "profile_search_workspace_id_profile_id_pk" PRIMARY KEY("workspace_id","profile_id")
);
--> statement-breakpoint
ALTER TABLE "profile_search" ADD CONSTRAINT "profile_search_workspace_id_profile_id_profiles_workspace_id_profile_id_fk" FOREIGN KEY ("workspace_id","profile_id") REFERENCES "public"."profiles"("workspace_id","profile_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- A trait is stored as [value, eventTimeMs]; strings as they are, other values as JSON text, in
-- jsonb's own key order (shorter names first), which is stable. PL/pgSQL rather than SQL: a SQL
-- function with an aggregate is not inlined, and was planned again on every trigger call.
CREATE FUNCTION "profile_trait_text"(traits jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(lower(string_agg(CASE jsonb_typeof(x) WHEN 'string' THEN x #>> '{}' ELSE x::text END, E'\n')), '')
    FROM jsonb_each(traits) AS e(k, v)
    CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(v) = 'array' THEN v -> 0 ELSE v END) AS t(x)
    WHERE x IS NOT NULL AND jsonb_typeof(x) <> 'null'
  );
END
$$;
--> statement-breakpoint
CREATE FUNCTION "profile_search_sync"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profile_search (workspace_id, profile_id, trait_text)
  VALUES (NEW.workspace_id, NEW.profile_id, profile_trait_text(NEW.traits))
  ON CONFLICT (workspace_id, profile_id) DO UPDATE SET trait_text = excluded.trait_text;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Anonymous profiles (no traits yet) get no row until their first trait.
CREATE TRIGGER "profiles_search_insert" AFTER INSERT ON "profiles" FOR EACH ROW
WHEN (NEW.traits <> '{}'::jsonb) EXECUTE FUNCTION profile_search_sync();
--> statement-breakpoint
-- The applier upserts whole rows, traits included, on every batch: only a real change writes here.
CREATE TRIGGER "profiles_search_update" AFTER UPDATE OF traits ON "profiles" FOR EACH ROW
WHEN (OLD.traits IS DISTINCT FROM NEW.traits) EXECUTE FUNCTION profile_search_sync();
--> statement-breakpoint
INSERT INTO "profile_search" (workspace_id, profile_id, trait_text)
SELECT workspace_id, profile_id, profile_trait_text(traits) FROM "profiles" WHERE traits <> '{}'::jsonb;
--> statement-breakpoint
-- The trigram index makes searches of three characters or more an index lookup. pg_trgm ships
-- with PostgreSQL's contrib (and with PGlite); where a server lacks it or the role may not
-- create it, search still works, by scanning this narrow table, and the migration goes on.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "profile_search_trgm" ON "profile_search" USING gin ("trait_text" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'profile search: no trigram index (%); searches scan profile_search', SQLERRM;
END
$$;
