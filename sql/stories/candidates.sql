-- Pairs of a night article and another article (the lake's, or the night's) that may be copies of one story: the
-- same URL key, or an LSH band in common ($bands bands of $rows signature positions each), with the estimated
-- similarity of their word shingles (the share of equal signature positions; null for a pair found by URL alone).
-- Read before the night's transaction: the lake's articles the night replaces (`gone`) are left out, so a changed
-- article is compared as it is now. By text, only the lake's articles published from $first to $last (the night's
-- dates widened by the caller), or undated, are compared: copies of a story run within weeks, and the night's cost
-- should follow the night; by URL, every article. A night article with the same signature as an earlier one of the
-- night (`echoes`) is linked to it by the caller and left out here. Each pair is verified by the caller.
WITH near AS (
    SELECT
        article_id,
        minhash,
        coalesce(story_id, article_id) AS story_id,
        TRUE AS in_lake
    FROM lake.articles
    WHERE
        minhash IS NOT NULL
        AND ($first::TIMESTAMP IS NULL OR published_at IS NULL OR published_at BETWEEN $first AND $last)  -- noqa: RF02
        AND article_id NOT IN (SELECT g.article_id FROM gone AS g)
    UNION ALL
    SELECT
        article_id,
        minhash,
        article_id AS story_id,
        FALSE AS in_lake
    FROM night.main.articles
    WHERE minhash IS NOT NULL AND article_id NOT IN (SELECT e.article_id FROM echoes AS e)
),

near_bands AS (
    SELECT
        n.article_id,
        n.in_lake,
        t.band,
        hash(n.minhash[t.band * $rows + 1:(t.band + 1) * $rows]) AS bucket  -- noqa: RF02
    FROM near AS n, range($bands) AS t (band)  -- noqa: RF02
),

by_text AS (
    SELECT DISTINCT
        a.article_id AS night_id,
        b.article_id AS other_id
    FROM near_bands AS a
    INNER JOIN near_bands AS b ON a.band = b.band AND a.bucket = b.bucket AND a.article_id != b.article_id
    WHERE NOT a.in_lake
),

by_url AS (
    SELECT
        n.article_id AS night_id,
        o.article_id AS other_id,
        TRUE AS in_lake,
        coalesce(o.story_id, o.article_id) AS other_story_id
    FROM night.main.articles AS n
    INNER JOIN lake.articles AS o ON n.url_key = o.url_key
    WHERE o.article_id NOT IN (SELECT g.article_id FROM gone AS g)
    UNION ALL
    SELECT
        n.article_id AS night_id,
        o.article_id AS other_id,
        FALSE AS in_lake,
        o.article_id AS other_story_id
    FROM night.main.articles AS n
    INNER JOIN night.main.articles AS o ON n.url_key = o.url_key AND n.article_id != o.article_id
)

SELECT
    p.night_id,
    p.other_id,
    o.in_lake,
    o.story_id AS other_story_id,
    coalesce(u.night_id IS NOT NULL, FALSE) AS same_url,
    len(list_filter(list_zip(n.minhash, o.minhash), x -> x[1] = x[2])) / len(n.minhash) AS similarity
FROM by_text AS p
INNER JOIN near AS n ON p.night_id = n.article_id
INNER JOIN near AS o ON p.other_id = o.article_id
LEFT JOIN by_url AS u ON p.night_id = u.night_id AND p.other_id = u.other_id
UNION ALL
SELECT
    u.night_id,
    u.other_id,
    u.in_lake,
    u.other_story_id,
    TRUE AS same_url,
    NULL AS similarity
FROM by_url AS u
WHERE NOT EXISTS (
    SELECT 1
    FROM by_text AS p
    WHERE p.night_id = u.night_id AND p.other_id = u.other_id
);
