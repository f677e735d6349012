package io.pulso.core.config;

/** Where the Temporal server is and which queue the workers listen on. */
public record TemporalConfig(String address, String namespace, String taskQueue) {

    public static final String DEFAULT_TASK_QUEUE = "pulso-etl";

    public TemporalConfig {
        if (address == null || !address.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new ConfigException("TEMPORAL_ADDRESS must be host:port (for example localhost:7233), got '" + address + "'");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new ConfigException("TEMPORAL_NAMESPACE must not be empty");
        }
        if (taskQueue == null || taskQueue.isBlank()) {
            throw new ConfigException("TEMPORAL_TASK_QUEUE must not be empty");
        }
    }

    public static TemporalConfig fromEnv(Env env) {
        return new TemporalConfig(
                env.required("TEMPORAL_ADDRESS", "the Temporal frontend, host:port, for example localhost:7233"),
                env.get("TEMPORAL_NAMESPACE", "default"),
                env.get("TEMPORAL_TASK_QUEUE", DEFAULT_TASK_QUEUE));
    }
}
