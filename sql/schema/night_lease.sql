CREATE TABLE night_lease (
    run_id VARCHAR NOT NULL,
    taken_at TIMESTAMP NOT NULL
);
