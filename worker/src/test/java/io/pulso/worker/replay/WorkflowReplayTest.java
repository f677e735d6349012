package io.pulso.worker.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.pulso.worker.alert.AlertCheckTickWorkflowImpl;
import io.pulso.worker.alert.AlertCheckWorkflowImpl;
import io.pulso.worker.alert.DeliverAlertWorkflowImpl;
import io.pulso.worker.refresh.RefreshTableWorkflowImpl;
import io.pulso.worker.schedule.FireScheduledRefreshWorkflowImpl;
import io.pulso.worker.schedule.TableScheduleWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded history ({@code src/test/resources/histories}, made by {@link WorkflowHistoryRecorder}) against
 * the workflow code as it is now. A change that would break runs in flight (a command added, removed or reordered
 * without a {@code Workflow.getVersion} guard) fails here with a non-determinism error naming the event.
 */
class WorkflowReplayTest {

    /** Workflow type as the history names it → the implementation that must replay it. */
    private static final Map<String, Class<?>> IMPLEMENTATIONS = Map.of(
            "RefreshTable", RefreshTableWorkflowImpl.class,
            "TableSchedule", TableScheduleWorkflowImpl.class,
            "FireScheduledRefresh", FireScheduledRefreshWorkflowImpl.class,
            "AlertCheck", AlertCheckWorkflowImpl.class,
            "AlertCheckTick", AlertCheckTickWorkflowImpl.class,
            "DeliverAlert", DeliverAlertWorkflowImpl.class);

    @TestFactory
    Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException, URISyntaxException {
        return histories().stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            WorkflowExecutionHistory history = read(file);
            Class<?> implementation = IMPLEMENTATIONS.get(workflowType(history));
            assertThat(implementation).as("implementation of workflow type %s", workflowType(history)).isNotNull();
            WorkflowReplayer.replayWorkflowExecution(history, implementation);
        }));
    }

    @Test
    void everyWorkflowTypeHasRecordedHistories() throws IOException, URISyntaxException {
        List<String> types = histories().stream().map(file -> workflowType(read(file))).distinct().toList();
        assertThat(types).containsExactlyInAnyOrderElementsOf(IMPLEMENTATIONS.keySet());
    }

    private static List<Path> histories() throws IOException, URISyntaxException {
        Path dir = Path.of(WorkflowReplayTest.class.getResource("/histories").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static WorkflowExecutionHistory read(Path file) {
        try {
            return WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read history " + file, e);
        }
    }

    private static String workflowType(WorkflowExecutionHistory history) {
        return history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    }
}
