package io.pulso.worker.warehouse.bigquery.zetasql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Column;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GoogleSQL endpoint as the real client sees it: queries evaluated, results paged, errors in BigQuery's shape. */
class GoogleSqlBigQueryTest {

    private static final String PROJECT = "pulso-zetasql";
    private static final String CALLS = PROJECT + ".BI_USA.calls";

    private GoogleSqlBigQuery endpoint;
    private BigQuery client;

    @BeforeEach
    void start() throws Exception {
        GoogleSqlEngine engine = new GoogleSqlEngine();
        engine.put(CALLS, new Table(List.of(
                new Column("llamada", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP)),
                new Column("agent", TypeFactory.createSimpleType(TypeKind.TYPE_STRING)),
                new Column("amount", TypeFactory.createSimpleType(TypeKind.TYPE_NUMERIC))), List.of(
                call("2026-10-01T04:30:00Z", "Núñez", "1234.50"),    // 23:30 Lima on Sep 30
                call("2026-10-01T05:15:00Z", "Peña", "10.00"),       // 00:15 Lima on Oct 1
                call("2026-10-01T20:00:00Z", null, "0.10"),
                call("2026-10-02T15:00:00Z", "Núñez", "7"))));
        endpoint = new GoogleSqlBigQuery(engine, PROJECT);
        client = BigQueryOptions.newBuilder().setHost(endpoint.url()).setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance()).build().getService();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aQueryIsEvaluatedWithItsNamedParametersAndReadPageByPage() throws Exception {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(
                        "SELECT DATE(llamada, 'America/Lima') AS dia, EXTRACT(HOUR FROM llamada AT TIME ZONE 'America/Lima') AS hora,"
                                + " IFNULL(agent, 'SIN_DATO') AS agent, amount FROM `" + CALLS + "`"
                                + " WHERE @desde IS NULL OR DATE(llamada, 'America/Lima') >= @desde ORDER BY llamada")
                .addNamedParameter("desde", QueryParameterValue.date((String) null))
                .setMaxResults(3L)
                .build();

        TableResult result = client.query(query);

        List<String> rows = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            rows.add(row.get("dia").getStringValue() + " " + row.get("hora").getLongValue() + " "
                    + row.get("agent").getStringValue() + " " + row.get("amount").getNumericValue());
        }
        assertThat(rows).containsExactly("2026-09-30 23 Núñez 1234.5", "2026-10-01 0 Peña 10", "2026-10-01 15 SIN_DATO 0.1",
                "2026-10-02 10 Núñez 7");
        assertThat(endpoint.requests("POST", ".*/queries")).hasSize(1);
    }

    @Test
    void aDateParameterBoundsTheRows() throws Exception {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder("SELECT COUNT(*) AS n FROM `" + CALLS + "`"
                        + " WHERE @desde IS NULL OR DATE(llamada, 'America/Lima') >= @desde")
                .addNamedParameter("desde", QueryParameterValue.date("2026-10-01"))
                .build();

        TableResult result = client.query(query);

        assertThat(result.iterateAll().iterator().next().get("n").getLongValue()).isEqualTo(3);
    }

    @Test
    void aQueryThatDoesNotAnalyseFailsAsInvalidQueryWithZetaSqlsReason() {
        JobInfo job = JobInfo.of(JobId.of("bad_query"), QueryJobConfiguration.of("SELECT nope FROM `" + CALLS + "`"));

        assertThatThrownBy(() -> client.create(job))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.getReason()).isEqualTo("invalidQuery");
                    assertThat(e.getMessage()).contains("Unrecognized name: nope");
                });
    }

    @Test
    void aTakenJobIdIsRefusedAsDuplicateAndTheJobStaysReadable() {
        JobInfo job = JobInfo.of(JobId.of("pulso_once"), QueryJobConfiguration.of("SELECT 1 AS uno"));
        Job first = client.create(job);

        assertThatThrownBy(() -> client.create(job)).isInstanceOfSatisfying(BigQueryException.class, e -> {
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(e.getReason()).isEqualTo("duplicate");
        });
        assertThat(client.getJob(first.getJobId()).getStatus().getState().name()).isEqualTo("DONE");
    }

    private static List<Value> call(String at, String agent, String amount) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(at));
        return List.of(Value.createTimestampValueFromUnixMicros(micros),
                agent == null ? Value.createNullValue(TypeFactory.createSimpleType(TypeKind.TYPE_STRING))
                        : Value.createStringValue(agent),
                Value.createNumericValue(new BigDecimal(amount)));
    }
}
