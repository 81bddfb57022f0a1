-- A night (or a correction) that stages no article: the checks' article views show nothing.
CREATE OR REPLACE TABLE night.night_articles (article_id VARCHAR);
