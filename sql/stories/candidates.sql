-- Pairs of a night article and another article (the lake's, or the night's) that may be copies of one story: the
-- same URL key, or an LSH band in common ($bands bands of $rows signature positions each), with the estimated
-- similarity of their word shingles (the share of equal signature positions). Read before the night's transaction:
-- the lake's articles the night replaces (`gone`) are left out, so a changed article is compared as it is now. Each
-- pair is verified by the caller. A night article with the same signature as an earlier one of the night (`echoes`)
-- is linked to it by the caller and left out here: a story run a thousand times that night is compared once.
WITH others AS (
    SELECT
        article_id,
        url_key,
        minhash,
        published_at,
        coalesce(story_id, article_id) AS story_id,
        TRUE AS in_lake
    FROM lake.articles
    WHERE article_id NOT IN (SELECT g.article_id FROM gone AS g)
    UNION ALL
    SELECT
        article_id,
        url_key,
        minhash,
        published_at,
        article_id AS story_id,
        FALSE AS in_lake
    FROM night.main.articles
    WHERE article_id NOT IN (SELECT e.article_id FROM echoes AS e)
),

night_bands AS (
    SELECT
        a.article_id,
        t.band,
        hash(a.minhash[t.band * $rows + 1:(t.band + 1) * $rows]) AS bucket  -- noqa: RF02
    FROM night.main.articles AS a, range($bands) AS t (band)  -- noqa: RF02
    WHERE a.minhash IS NOT NULL AND a.article_id NOT IN (SELECT e.article_id FROM echoes AS e)
),

other_bands AS (
    SELECT
        o.article_id,
        t.band,
        hash(o.minhash[t.band * $rows + 1:(t.band + 1) * $rows]) AS bucket  -- noqa: RF02
    FROM others AS o, range($bands) AS t (band)  -- noqa: RF02
    WHERE o.minhash IS NOT NULL
),

pairs AS (
    SELECT
        n.article_id AS night_id,
        o.article_id AS other_id
    FROM night_bands AS n
    INNER JOIN other_bands AS o ON n.band = o.band AND n.bucket = o.bucket AND n.article_id != o.article_id
    UNION
    SELECT
        n.article_id AS night_id,
        o.article_id AS other_id
    FROM night.main.articles AS n
    INNER JOIN others AS o ON n.url_key = o.url_key AND n.article_id != o.article_id
)

SELECT
    p.night_id,
    p.other_id,
    o.in_lake,
    o.story_id AS other_story_id,
    coalesce(n.url_key = o.url_key, FALSE) AS same_url,
    CASE
        WHEN n.minhash IS NOT NULL AND o.minhash IS NOT NULL
            THEN len(list_filter(list_zip(n.minhash, o.minhash), x -> x[1] = x[2])) / len(n.minhash)
    END AS similarity
FROM pairs AS p
INNER JOIN night.main.articles AS n ON p.night_id = n.article_id
INNER JOIN others AS o ON p.other_id = o.article_id;
