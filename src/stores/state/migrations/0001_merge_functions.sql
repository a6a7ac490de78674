-- Merge functions used when an applier batch is folded into a profile row, and when two
-- profiles merge. Each is commutative and associative, so the result does not depend on the
-- order in which events arrive.

-- Traits: {name: [value, eventTimeMs]}; the newer event time wins, ties go to the larger
-- value so that replays and reorderings give the same profile.
CREATE OR REPLACE FUNCTION tailor_merge_traits(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN b IS NULL OR b = '{}'::jsonb THEN coalesce(a, '{}'::jsonb)
    WHEN a IS NULL OR a = '{}'::jsonb THEN b
    ELSE (
      SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
        SELECT coalesce(x.key, y.key) AS k,
          CASE
            WHEN y.value IS NULL THEN x.value
            WHEN x.value IS NULL THEN y.value
            WHEN (y.value->>1)::bigint > (x.value->>1)::bigint THEN y.value
            WHEN (y.value->>1)::bigint < (x.value->>1)::bigint THEN x.value
            WHEN (y.value->0) > (x.value->0) THEN y.value
            ELSE x.value
          END AS v
        FROM jsonb_each(a) x FULL OUTER JOIN jsonb_each(b) y ON x.key = y.key
      ) t
    )
  END
$$;
--> statement-breakpoint

-- Counters: {key: n}; counts add up.
CREATE OR REPLACE FUNCTION tailor_merge_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN b IS NULL OR b = '{}'::jsonb THEN coalesce(a, '{}'::jsonb)
    WHEN a IS NULL OR a = '{}'::jsonb THEN b
    ELSE (
      SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
        SELECT key AS k, sum(value::text::numeric) AS n
        FROM (SELECT * FROM jsonb_each(a) UNION ALL SELECT * FROM jsonb_each(b)) u
        GROUP BY key
      ) t
    )
  END
$$;
--> statement-breakpoint

-- Active days: UTC day numbers, distinct, newest 400 kept (enough for "active days in the
-- last N days" with N up to a year).
CREATE OR REPLACE FUNCTION tailor_merge_days(a int[], b int[]) RETURNS int[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN b IS NULL OR cardinality(b) = 0 THEN coalesce(a, '{}')
    ELSE coalesce((
      SELECT array_agg(d ORDER BY d DESC) FROM (
        SELECT DISTINCT d FROM unnest(a || b) d ORDER BY d DESC LIMIT 400
      ) t
    ), '{}')
  END
$$;
--> statement-breakpoint

-- Recent events: [{id, ts, ...}], newest 20 by (ts, id), one entry per message id.
CREATE OR REPLACE FUNCTION tailor_merge_recent(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN b IS NULL OR b = '[]'::jsonb THEN coalesce(a, '[]'::jsonb)
    ELSE coalesce((
      SELECT jsonb_agg(e ORDER BY ts DESC, id DESC) FROM (
        SELECT e, (e->>'ts')::bigint AS ts, e->>'id' AS id FROM (
          SELECT DISTINCT ON (x->>'id') x AS e
          FROM jsonb_array_elements(coalesce(a, '[]'::jsonb) || b) x
          ORDER BY x->>'id'
        ) d
        ORDER BY ts DESC, id DESC
        LIMIT 20
      ) t
    ), '[]'::jsonb)
  END
$$;
