import pyarrow as pa
import pytest

from nightdesk.load.schemas import TABLES, schema, to_table

from .contract import CONTRACT_COLUMNS


def test_every_contract_table_and_column_is_in_the_schema():
    assert set(CONTRACT_COLUMNS) <= set(TABLES)
    for table, columns in CONTRACT_COLUMNS.items():
        missing = set(columns) - set(schema(table).names)
        assert not missing, f"{table} lacks {missing}"


def test_arrow_types_follow_the_ddl():
    assert schema("articles").field("published_at").type == pa.timestamp("us")
    assert schema("events").field("event_date").type == pa.date32()
    assert schema("events").field("killed").type == pa.int32()


def test_to_table_refuses_unknown_columns():
    with pytest.raises(ValueError, match="not in sql/schema/runs.sql"):
        to_table("runs", [{"run_id": "r", "bogus": 1}])
