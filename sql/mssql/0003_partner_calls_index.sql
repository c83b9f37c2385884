-- The pop-up shows a partner's last calls: without this index every pop-up would scan the call history.
-- Kept in step with sql/sqlite/0003_partner_calls_index.sql.
CREATE INDEX ix_call_history_partner_started ON call_history (partner_id, started_at);
