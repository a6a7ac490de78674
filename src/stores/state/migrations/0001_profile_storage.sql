-- Profile rows are rewritten on every applier batch that touches them. Leave room on each
-- page so updates that do not change an indexed column stay on the page (HOT updates, no
-- index writes), and keep rows up to a page inline instead of compressing them into TOAST
-- (the recent-events text makes rows a few KB).
ALTER TABLE "profiles" SET (fillfactor = 80, toast_tuple_target = 8160);
--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "recent" SET STORAGE MAIN;
--> statement-breakpoint
ALTER TABLE "profiles" ALTER COLUMN "traits" SET STORAGE MAIN;
