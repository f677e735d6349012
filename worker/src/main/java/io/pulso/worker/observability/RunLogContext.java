package io.pulso.worker.observability;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.pulso.core.refresh.WorkflowIds;
import org.slf4j.MDC;

/**
 * Puts the run id and table into the SLF4J MDC ({@code run_id}, {@code table}) for the whole of every activity, so
 * each log line of a run carries them (the logback pattern prints them). Done once as a worker interceptor rather
 * than in each activity: the run id is the workflow's run id and the table is in the workflow id
 * ({@code etl-refresh-<table>}), both known to Temporal before the activity runs.
 */
public final class RunLogContext extends WorkerInterceptorBase {

    public static final String RUN_ID = "run_id";
    public static final String TABLE = "table";
    private static final String REFRESH_PREFIX = WorkflowIds.refresh("");

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityInfo info;

            @Override
            public void init(ActivityExecutionContext context) {
                info = context.getInfo();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                String previousRun = MDC.get(RUN_ID);
                String previousTable = MDC.get(TABLE);
                MDC.put(RUN_ID, info.getRunId());
                String workflowId = info.getWorkflowId();
                MDC.put(TABLE, workflowId != null && workflowId.startsWith(REFRESH_PREFIX)
                        ? workflowId.substring(REFRESH_PREFIX.length()) : workflowId);
                try {
                    return super.execute(input);
                } finally {
                    restore(RUN_ID, previousRun);
                    restore(TABLE, previousTable);
                }
            }
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
