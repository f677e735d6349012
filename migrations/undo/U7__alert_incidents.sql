-- Undo of V7: the notification incidents and deliveries go (their history with them).
-- Run by `pulso db rollback`, never by Flyway.
DROP TABLE etl_alert_outbox;
DROP TABLE etl_alert_test_requests;
DROP TABLE etl_alert_deliveries;
DROP TABLE etl_alert_incidents;
