package io.pulso.worker.refresh;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A worker interceptor that records what each activity attempt threw, as Temporal reports it: "type, retried: message"
 * or "type, not retried: message", in the order they happened.
 */
final class ActivityFailureRecorder extends WorkerInterceptorBase {

    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** The failures so far (live: later failures show up in it). */
    List<String> failures() {
        return failures;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            @Override
            public ActivityInboundCallsInterceptor.ActivityOutput execute(ActivityInboundCallsInterceptor.ActivityInput input) {
                try {
                    return super.execute(input);
                } catch (ApplicationFailure e) {
                    failures.add(e.getType() + (e.isNonRetryable() ? ", not retried: " : ", retried: ") + e.getOriginalMessage());
                    throw e;
                }
            }
        };
    }
}
