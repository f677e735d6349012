package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobNamingTest {

    @Test
    void jobIdsAreStableAndUseOnlyAllowedCharacters() {
        String id = JobNaming.jobId("dashboard_data", "extract", "run/with:odd chars", 2);

        assertThat(id).isEqualTo(JobNaming.jobId("dashboard_data", "extract", "run/with:odd chars", 2))
                .matches("[A-Za-z0-9_-]+").startsWith("pulso_dashboard_data_extract_run_with_odd_chars_").endsWith("_2")
                .isNotEqualTo(JobNaming.jobId("dashboard_data", "extract", "run_with_odd_chars", 2));
    }

    @Test
    void labelValuesFollowBigQueryRules() {
        assertThat(JobNaming.labelValue("7F0C2A9E-1B2C:Run")).isEqualTo("7f0c2a9e-1b2c_run");
        assertThat(JobNaming.labelValue("x".repeat(100))).hasSize(63);
    }
}
