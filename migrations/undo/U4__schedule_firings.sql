-- Undo of V4: drops the schedule-firing record. Run by `pulso db rollback`, never by Flyway.
DROP TABLE IF EXISTS etl_schedule_firings;
