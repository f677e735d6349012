package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatus;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.pulso.worker.warehouse.Heartbeat;
import io.pulso.worker.warehouse.WarehouseException;
import java.time.Duration;

/**
 * Runs a query job under a deterministic id and waits for it. If the id is taken (an earlier attempt of the same
 * run inserted it, maybe losing the answer), the existing job is used: the query runs and is billed once. Only when
 * that earlier job ended in a transient error does the next attempt number run it again.
 *
 * <p>Whether a job is an earlier attempt's is decided by looking it up <em>before</em> inserting, not by the insert's
 * 409: google-cloud-bigquery (2.59.0, BigQueryImpl.create) answers "Already Exists: Job" itself with the existing
 * job, read with {@code fields=jobReference,configuration,statistics} (no status), when that job was created in the
 * last 24 hours. A create() that returns is therefore no proof that this attempt made the job.
 */
final class QueryJobs {

    /** Transiently failed jobs of one run that are skipped before giving up on the extraction. */
    private static final int MAX_JOB_ATTEMPTS = 10;

    private final BigQuery bigquery;
    private final BigQueryConfig config;
    private final JobPolling polling;
    private final BigQueryFailures failures;

    QueryJobs(BigQuery bigquery, BigQueryConfig config, JobPolling polling, BigQueryFailures failures) {
        this.bigquery = bigquery;
        this.config = config;
        this.polling = polling;
        this.failures = failures;
    }

    /** The finished, successful job for (table, purpose, run); throws a classified WarehouseException otherwise. */
    Job run(String table, String purpose, String runId, QueryJobConfiguration query, Heartbeat heartbeat) {
        long deadline = System.nanoTime() + config.jobTimeout().toNanos();
        for (int attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt++) {
            JobId id = JobId.newBuilder().setProject(config.jobProjectId()).setLocation(config.location())
                    .setJob(JobNaming.jobId(table, purpose, runId, attempt)).build();
            String action = purpose + " job " + id.getJob() + " of " + table;
            Created created = createOrFind(id, query, action);
            Job done = waitUntilDone(created.job(), id, action, heartbeat, deadline);
            BigQueryError error = done.getStatus().getError();
            if (error == null) {
                return done;
            }
            WarehouseException failure = failures.jobFailed(action, error);
            if (created.fresh() || !failure.retryable()) {
                // A fresh job that failed transiently is retried by Temporal, with backoff, under the next id.
                throw failure;
            }
        }
        throw WarehouseException.permanent("jobFailed", table + ": " + MAX_JOB_ATTEMPTS + " " + purpose
                + " jobs of run " + runId + " failed transiently; start a new run", null);
    }

    private record Created(Job job, boolean fresh) {
    }

    private Created createOrFind(JobId id, QueryJobConfiguration query, String action) {
        Job existing = get(id, action);
        if (existing != null) {
            return new Created(existing, false);
        }
        try {
            // Fresh even if the client adopted a job of this id (its own retry of a lost answer): nobody else
            // inserts this run's ids while this attempt holds the activity.
            return new Created(bigquery.create(JobInfo.of(id, query)), true);
        } catch (BigQueryException e) {
            if (e.getCode() != 409 && !"duplicate".equals(e.getReason())) {
                throw failures.classify("inserting " + action, e);
            }
        }
        // The client passes the 409 on for a job older than a day; it is this run's all the same.
        existing = get(id, action);
        if (existing == null) {
            throw WarehouseException.retryable("notFound", action + ": the id is taken but the job cannot be read yet", null);
        }
        return new Created(existing, false);
    }

    private Job waitUntilDone(Job job, JobId id, String action, Heartbeat heartbeat, long deadline) {
        Duration pause = polling.first();
        Job current = job;
        while (true) {
            if (current == null) {
                throw WarehouseException.retryable("notFound", action + ": the job disappeared while running", null);
            }
            JobStatus status = current.getStatus();
            if (status != null && status.getState() == JobStatus.State.DONE) {
                return current;
            }
            String state = status == null ? "PENDING" : String.valueOf(status.getState());
            if (System.nanoTime() - deadline >= 0) {
                // The job keeps running in BigQuery: the retry finds it by id and goes on waiting.
                throw WarehouseException.retryable("timeout", action + " is still " + state + " after "
                        + config.jobTimeout().toSeconds() + " s (BIGQUERY_JOB_TIMEOUT)", null);
            }
            heartbeat.beat(action + " " + state);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw WarehouseException.retryable("interrupted", action + ": interrupted while waiting", e);
            }
            pause = pause.multipliedBy(2).compareTo(polling.max()) > 0 ? polling.max() : pause.multipliedBy(2);
            current = get(id, action);
        }
    }

    private Job get(JobId id, String action) {
        try {
            return bigquery.getJob(id);
        } catch (BigQueryException e) {
            throw failures.creatorOnlyRead("reading " + action, "job " + id.getJob(), e);
        }
    }
}
