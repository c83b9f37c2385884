-- The pop-up shows a partner's last calls: without this index every pop-up would scan the call history.
CREATE INDEX ix_call_history_partner_started ON call_history (partner_id, started_at);
