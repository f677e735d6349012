/**
 * The demo warehouse: the embedded default source of Pulso ETL.
 *
 * <ul>
 *   <li>{@link io.pulso.worker.warehouse.demo.DemoWarehouseSetup} creates the warehouse database on a PostgreSQL
 *       server, applies {@code source-schema.sql} (the four BigQuery views as tables in schema {@code bi_usa}, and
 *       the result store {@code etl_results}) and fills it once.</li>
 *   <li>{@link io.pulso.worker.warehouse.demo.DemoDataGenerator} fills the source tables with seeded, realistic
 *       collections data for a {@link io.pulso.worker.warehouse.demo.DemoScale}; {@code dashboard-cobranzas.sql}
 *       documents the KPI semantics of the precomputed dashboard view.</li>
 *   <li>{@link io.pulso.worker.warehouse.demo.DemoWarehouse} runs the Postgres-dialect extraction SQL of the table
 *       catalog ({@code io/pulso/core/catalog/sql/postgres/<table>.sql}) with bound window parameters, keeps each
 *       result as a table and serves it page by page.</li>
 * </ul>
 */
package io.pulso.worker.warehouse.demo;
