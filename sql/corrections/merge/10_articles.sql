-- The articles that named $other name $entity_id (articles.entity_ids: distinct, sorted, as the night sets them).
UPDATE articles SET
    entity_ids = list_sort(
        list_distinct(list_transform(entity_ids, x -> CASE WHEN x = $other THEN $entity_id ELSE x END))
    )
WHERE list_contains(entity_ids, $other);
