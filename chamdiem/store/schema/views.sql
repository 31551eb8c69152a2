-- The analyst views of CONTRACT.md. Only current documents appear; replaced ones stay in the tables.
-- Plain SQL shared by SQLite and PostgreSQL. Statements are separated by lines of ';'.
CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.file_name, d.sha256, d.format, d.framework, d.report_number, d.issuer,
       d.issued_on, d.assessment_year, d.signer, d.classification, d.total_max, d.total_self, d.total_authority,
       d.framework_confidence, d.ocr, d.legacy_encoding,
       (SELECT t.classification FROM classification_thresholds t
        WHERE t.framework = d.framework AND (d.total_max IS NULL OR t.scale_max IS NULL OR d.total_max = t.scale_max)
          AND COALESCE(d.total_authority, d.total_self) >= t.min_total
        ORDER BY t.min_total DESC LIMIT 1) AS classification_earned
FROM documents d WHERE d.is_current
;
CREATE VIEW v_scores AS
SELECT s.document_id, d.file_name, d.framework, s.criterion_id, s.label, s.max_points, s.self_score,
       s.authority_score, s.bonus_max, s.bonus_self, s.origin, s.page, s.line, s.char_start, s.char_end,
       CASE WHEN d.ocr THEN 'ocr' ELSE 'text' END AS source, s.confidence,
       d.issuer, d.assessment_year, s.cell_ref, s.x0, s.y0, s.x1, s.y1,
       CASE WHEN r.id IS NOT NULL THEN r.value ELSE stale.value END AS reviewed_value,
       CASE WHEN r.id IS NOT NULL THEN r.verdict WHEN stale.id IS NOT NULL THEN 'stale' END AS review_status,
       COALESCE(r.field, stale.field) AS reviewed_field
FROM scores s JOIN documents d ON d.id = s.document_id
-- the newest verdict on this file's bytes and criterion; else the newest on a version it replaced
LEFT JOIN reviews r ON r.id = (SELECT max(r1.id) FROM reviews r1
                               WHERE r1.sha256 = d.sha256 AND r1.criterion_id = s.criterion_id)
LEFT JOIN reviews stale ON r.id IS NULL AND stale.id = (
    SELECT max(r2.id) FROM reviews r2 JOIN documents o ON o.sha256 = r2.sha256
    WHERE o.superseded_by = d.id AND r2.criterion_id = s.criterion_id)
WHERE d.is_current
;
CREATE VIEW v_findings AS
SELECT f.document_id, d.file_name, f.criterion_id, f.kind, f.severity, f.message, f.source, f.field,
       f.char_start, f.char_end, d.issuer, d.assessment_year
FROM findings f JOIN documents d ON d.id = f.document_id
WHERE d.is_current
;
CREATE VIEW v_citations AS
SELECT c.document_id, d.file_name, c.criterion_id, c.doc_type, c.number, c.year, c.symbol, c.issued_on,
       c.text, c.page, c.line, c.char_start, c.char_end, c.type_code, c.cited_document_id, c.x0, c.y0, c.x1, c.y1
FROM citations c JOIN documents d ON d.id = c.document_id
WHERE d.is_current
;
-- mentions and citing_reports count the current documents' citations; the loader keeps them as it
-- loads and replaces documents (migration 0006), so the view needs no aggregate over all citations
CREATE VIEW v_cited_documents AS
SELECT cd.id AS cited_document_id, cd.doc_type, cd.number, cd.year, cd.symbol, cd.issuer_code, cd.issued_on,
       cd.mentions, cd.citing_reports
FROM cited_documents cd
WHERE cd.mentions > 0
;
CREATE VIEW v_texts AS
SELECT t.document_id, t.text
FROM document_texts t JOIN documents d ON d.id = t.document_id
WHERE d.is_current
;
CREATE VIEW v_ingest_errors AS
SELECT e.file_name, e.sha256, e.error_kind, e.message, e.at, e.path
FROM ingest_errors e
;
CREATE VIEW v_observations AS
SELECT o.document_id, d.file_name, o.source, o.criterion_id, o.marker, o.label, v.field, v.value, v.raw,
       COALESCE(v.page, o.page) AS page, o.line, v.char_start, v.char_end, v.confidence, v.cell_ref,
       v.x0, v.y0, v.x1, v.y1
FROM observations o JOIN documents d ON d.id = o.document_id
JOIN observation_values v ON v.observation_id = o.id
WHERE d.is_current
;
CREATE VIEW v_document_versions AS
SELECT d.id AS document_id, d.file_name, d.sha256, d.framework, d.issuer, d.assessment_year, d.is_current,
       d.superseded_by, d.loaded_at, d.issued_on, d.items_read, d.version_reason
FROM documents d
;
CREATE VIEW v_search AS
SELECT i.id, i.document_id, d.file_name, d.issuer, d.framework, d.assessment_year, i.kind, i.criterion_id, i.text,
       i.line, i.char_start, i.char_end
FROM search_index i JOIN documents d ON d.id = i.document_id
WHERE d.is_current
;
CREATE VIEW v_reviews AS
SELECT r.id AS review_id, r.file_name, r.sha256, r.criterion_id, r.field, r.value_read, r.verdict, r.value,
       r.note, r.reviewer, r.reviewed_at, r.document_id,
       (SELECT d.id FROM documents d WHERE d.sha256 = r.sha256 AND d.is_current) AS current_document_id,
       CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = r.sha256 AND d.is_current) THEN 0 ELSE 1 END
         AS is_stale,
       (SELECT count(*) FROM reviews n WHERE n.sha256 = r.sha256 AND n.criterion_id = r.criterion_id
          AND n.id > r.id) = 0 AS is_latest
FROM reviews r
