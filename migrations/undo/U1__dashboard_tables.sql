-- Undo of V1: drops the five dashboard tables and their data. Run by `pulso db rollback`, never by Flyway.
DROP TABLE IF EXISTS productivity_data;
DROP TABLE IF EXISTS operation_data;
DROP TABLE IF EXISTS assignment_data;
DROP TABLE IF EXISTS evolution_data;
DROP TABLE IF EXISTS dashboard_data;
