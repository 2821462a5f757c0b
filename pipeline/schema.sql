-- The warehouse: the contract tables of ../shared/SCHEMA.md plus extra columns (marked "extra").
-- IF NOT EXISTS everywhere: connect() applies this file to new and existing warehouses alike.
-- Foreign keys are documented, not declared: a re-ingest deletes and re-inserts a document's rows
-- in one transaction, and declared DuckDB foreign keys make that delete order fragile.

CREATE TABLE IF NOT EXISTS documents (
    document_id     VARCHAR PRIMARY KEY,  -- sha256 of the file bytes (hex)
    source_path     VARCHAR NOT NULL,     -- relative to the ingested folder, '/'-separated
    doc_type        VARCHAR,
    organization    VARCHAR,
    region          VARCHAR,
    fiscal_year     INTEGER,
    period          VARCHAR,
    page_count      INTEGER,
    ocr_page_count  INTEGER,
    status          VARCHAR NOT NULL,     -- ok | partial | failed
    error           VARCHAR,              -- why partial/failed, in plain words
    file_size       BIGINT,               -- extra: bytes
    table_count     INTEGER,              -- extra: tables extracted
    ingested_at     TIMESTAMP             -- extra: when this row was written (UTC)
);

CREATE TABLE IF NOT EXISTS indicators (
    indicator_id    VARCHAR PRIMARY KEY,  -- hash of (document_id, table_index, row_index, name)
    document_id     VARCHAR NOT NULL,     -- -> documents
    table_type      VARCHAR,
    page            INTEGER,
    row_no          VARCHAR,
    level           VARCHAR,
    code            VARCHAR,
    parent_code     VARCHAR,
    name            VARCHAR,
    indicator_name  VARCHAR,
    unit            VARCHAR,
    polarity        VARCHAR,
    formula         VARCHAR,
    data_source     VARCHAR,
    responsible     VARCHAR,
    table_index     INTEGER,              -- extra: which table of the document (0-based)
    row_index       INTEGER               -- extra: first body row of the indicator (0-based)
);

CREATE TABLE IF NOT EXISTS measurements (
    measurement_id  VARCHAR PRIMARY KEY,  -- extra: hash of (indicator_id, measure, year, period, n)
    indicator_id    VARCHAR NOT NULL,     -- -> indicators
    measure         VARCHAR NOT NULL,
    year            INTEGER,
    period          VARCHAR NOT NULL,
    value           DOUBLE,
    raw_text        VARCHAR,
    page            INTEGER,
    bbox_x0         DOUBLE,               -- extra: cell box in PDF points, top-left origin
    bbox_top        DOUBLE,
    bbox_x1         DOUBLE,
    bbox_bottom     DOUBLE,
    source          VARCHAR,              -- extra: text_layer | ocr
    confidence      DOUBLE                -- extra: OCR confidence 0-100, NULL for the text layer
);

CREATE TABLE IF NOT EXISTS calculations (
    indicator_id      VARCHAR PRIMARY KEY,  -- -> indicators; one per indicator that has one
    inputs_text       VARCHAR,
    inputs            JSON,
    expression_text   VARCHAR,
    expression_value  DOUBLE,
    result_text       VARCHAR,
    result_value      DOUBLE
);

-- extra table: printed sentences the validators compare (KES-03 factors, REC-02 narrative)
CREATE TABLE IF NOT EXISTS statements (
    statement_id  VARCHAR PRIMARY KEY,  -- hash of (document_id, indicator_id, kind, n)
    document_id   VARCHAR NOT NULL,     -- -> documents
    indicator_id  VARCHAR,              -- -> indicators: the row the text belongs to, or NULL
    kind          VARCHAR NOT NULL,     -- model.StatementKind
    text          VARCHAR NOT NULL,     -- as printed, lines folded
    page          INTEGER
);

CREATE TABLE IF NOT EXISTS findings (
    finding_id   VARCHAR PRIMARY KEY,  -- hash of (document_id, rule, indicator_id, field)
    document_id  VARCHAR NOT NULL,     -- -> documents
    indicator_id VARCHAR,              -- -> indicators, NULL for document-level findings
    page         INTEGER,
    rule         VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL,
    field        VARCHAR,
    reported     VARCHAR,
    expected     VARCHAR,
    message      VARCHAR,
    rule_id      VARCHAR               -- extra: the DOMAIN.md rule id (E81-04, KK-01, POL-01 ...)
);
-- warehouses made before rule_id existed get the column (a no-op on new ones)
ALTER TABLE findings ADD COLUMN IF NOT EXISTS rule_id VARCHAR;
