-- Every row in Parquet files, none inlined in the catalog: news.duckdb's views read the files themselves.
CALL lake.set_option('data_inlining_row_limit', 0);
