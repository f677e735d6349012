package io.pulso.worker.schedule;

import io.pulso.core.schedule.FireOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** One firing of a table's schedule: start its refresh under the table's workflow id, or record that it skipped. */
@ActivityInterface
public interface ScheduleFiringActivities {

    /** @param backend which schedule backend fired (recorded with the firing) */
    @ActivityMethod(name = "FireRefresh")
    FireOutcome fire(String table, String backend);
}
