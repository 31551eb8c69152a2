-- The analyst views of CONTRACT.md. Only current documents appear; replaced ones stay in the tables.
-- Plain SQL shared by SQLite and PostgreSQL. Statements are separated by lines of ';'.
CREATE VIEW v_documents AS
SELECT d.id AS document_id, d.file_name, d.sha256, d.format, d.framework, d.report_number, d.issuer,
       d.issued_on, d.assessment_year, d.signer, d.classification, d.total_max, d.total_self, d.total_authority,
       d.framework_confidence, d.ocr, d.legacy_encoding, d.unaccepted_changes,
       (SELECT t.classification FROM classification_thresholds t
        WHERE t.framework = d.framework AND (d.total_max IS NULL OR t.scale_max IS NULL OR d.total_max = t.scale_max)
          AND COALESCE(d.total_authority, d.total_self) >= t.min_total
        ORDER BY t.min_total DESC LIMIT 1) AS classification_earned,
       d.unit_id, u.name AS unit_name, d.items_expected, d.items_read, d.criteria_expected, d.criteria_unread,
       d.total_self_computed,
       CASE WHEN d.criteria_unread > 0
            THEN 'không tính được: ' || CAST(d.criteria_unread AS VARCHAR(12)) || ' tiêu chí không đọc được '
                 || '(not computed: ' || CAST(d.criteria_unread AS VARCHAR(12)) || ' criteria not read)'
            WHEN d.criteria_expected IS NULL THEN 'không tính được: bộ tiêu chí chưa biết (not computed: framework unknown)'
            WHEN d.total_self_computed IS NULL THEN 'không tính được (not computed)'
            WHEN d.total_self IS NULL THEN 'tổng không ghi trong báo cáo (no total stated)'
            WHEN abs(d.total_self - d.total_self_computed) > 0.001 THEN 'tổng ghi khác tổng tính (stated total differs)'
            ELSE 'khớp (matches)' END AS total_note
FROM documents d LEFT JOIN units u ON u.id = d.unit_id WHERE d.is_current
;
CREATE VIEW v_scores AS
SELECT s.document_id, d.file_name, d.framework, s.criterion_id, s.label, s.max_points, s.self_score,
       s.authority_score, s.bonus_max, s.bonus_self, s.origin, s.page, s.line, s.char_start, s.char_end,
       CASE WHEN d.ocr THEN 'ocr' ELSE 'text' END AS source, s.confidence,
       d.issuer, d.assessment_year, s.cell_ref, d.unit_id, s.bonus_authority, s.x0, s.y0, s.x1, s.y1,
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
       f.char_start, f.char_end, d.issuer, d.assessment_year, d.unit_id,
       CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 WHEN 'info' THEN 2 ELSE 3 END AS severity_rank
FROM findings f JOIN documents d ON d.id = f.document_id
LEFT JOIN units u ON u.id = d.unit_id
WHERE d.is_current
ORDER BY severity_rank, u.name, d.issuer, d.file_name, f.criterion_id, f.id
;
CREATE VIEW v_citations AS
SELECT c.document_id, d.file_name, c.criterion_id, c.doc_type, c.number, c.year, c.symbol, c.issued_on,
       c.text, c.page, c.line, c.char_start, c.char_end, c.type_code, c.cited_document_id, d.unit_id, c.x0, c.y0, c.x1, c.y1
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
SELECT t.document_id, t.text, d.unit_id
FROM document_texts t JOIN documents d ON d.id = t.document_id
WHERE d.is_current
;
CREATE VIEW v_ingest_errors AS
SELECT e.file_name, e.sha256, e.error_kind, e.message, e.at, e.path
FROM ingest_errors e
;
CREATE VIEW v_observations AS
SELECT o.document_id, d.file_name, o.source, o.criterion_id, o.marker, o.label, v.field, v.value, v.raw,
       COALESCE(v.page, o.page) AS page, o.line, v.char_start, v.char_end, v.confidence, v.cell_ref, d.unit_id,
       v.x0, v.y0, v.x1, v.y1
FROM observations o JOIN documents d ON d.id = o.document_id
JOIN observation_values v ON v.observation_id = o.id
WHERE d.is_current
;
CREATE VIEW v_document_versions AS
SELECT d.id AS document_id, d.file_name, d.sha256, d.framework, d.issuer, d.assessment_year, d.is_current,
       d.superseded_by, d.loaded_at, d.issued_on, d.items_read, d.version_reason, d.unit_id, d.version_kind,
       d.format, d.ocr, d.report_number
FROM documents d
;
CREATE VIEW v_search AS
SELECT i.id, i.document_id, d.file_name, d.issuer, d.framework, d.assessment_year, i.kind, i.criterion_id, i.text,
       i.line, i.char_start, i.char_end, d.unit_id
FROM search_index i JOIN documents d ON d.id = i.document_id
WHERE d.is_current

;
-- the units registry: one row per unit, with how many names it was read under and its reports
CREATE VIEW v_units AS
SELECT u.id AS unit_id, u.name, u.level, u.parent_id, p.name AS parent_name, u.named_by,
       (SELECT count(*) FROM unit_aliases a WHERE a.unit_id = u.id) AS aliases,
       (SELECT count(*) FROM documents d WHERE d.unit_id = u.id AND d.is_current) AS reports,
       (SELECT count(*) FROM unit_doubts x WHERE x.status = 'open' AND (x.unit_id = u.id OR x.other_unit_id = u.id))
           AS doubtful_pairs
FROM units u LEFT JOIN units p ON p.id = u.parent_id
;
CREATE VIEW v_unit_aliases AS
SELECT a.unit_id, u.name, a.alias, a.alias_key
FROM unit_aliases a JOIN units u ON u.id = a.unit_id
;
CREATE VIEW v_unit_doubts AS
SELECT x.unit_id, u.name, x.other_unit_id, o.name AS other_name, x.similarity, x.status
FROM unit_doubts x JOIN units u ON u.id = x.unit_id JOIN units o ON o.id = x.other_unit_id
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
