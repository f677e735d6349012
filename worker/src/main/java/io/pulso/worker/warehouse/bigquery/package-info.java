/**
 * The BigQuery source: configuration from the environment, the query-job extraction with a deterministic job id,
 * paged reads of the job's destination table, BigQuery → Java type mapping and error classification.
 */
package io.pulso.worker.warehouse.bigquery;
