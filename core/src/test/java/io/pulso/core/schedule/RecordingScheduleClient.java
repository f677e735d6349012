package io.pulso.core.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.workflow.Functions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stands in for a Temporal server's Schedules API: keeps the schedules it is given and records each request, so a test
 * can check what the scheduler asks for. A missing schedule answers NOT_FOUND as the SDK reports it.
 */
final class RecordingScheduleClient implements ScheduleClient {

    static final Instant NEXT_FIRE = Instant.parse("2026-03-01T14:00:00Z");

    final Map<String, Schedule> schedules = new LinkedHashMap<>();
    final List<String> requests = new ArrayList<>();

    @Override
    public ScheduleHandle createSchedule(String id, Schedule schedule, ScheduleOptions options) {
        requests.add("create " + id);
        schedules.put(id, schedule);
        return new Handle(id);
    }

    @Override
    public ScheduleHandle getHandle(String id) {
        return new Handle(id);
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules() {
        throw new UnsupportedOperationException("listing needs visibility; the scheduler must not depend on it");
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(Integer pageSize) {
        return listSchedules();
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(String query, Integer pageSize) {
        return listSchedules();
    }

    private final class Handle implements ScheduleHandle {
        private final String id;

        Handle(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public ScheduleDescription describe() {
            Schedule schedule = existing();
            return new ScheduleDescription(id, new ScheduleInfo(0, 0, 0, List.of(), List.of(), List.of(NEXT_FIRE), Instant.EPOCH, null),
                    schedule, Map.of(), SearchAttributes.EMPTY, Map.of(), DataConverter.getDefaultInstance());
        }

        @Override
        public void pause(String note) {
            requests.add("pause " + id);
            setPaused(true, note);
        }

        @Override
        public void pause() {
            pause("");
        }

        @Override
        public void unpause(String note) {
            requests.add("unpause " + id);
            setPaused(false, note);
        }

        @Override
        public void unpause() {
            unpause("");
        }

        @Override
        public void trigger(ScheduleOverlapPolicy overlap) {
            existing();
            requests.add("trigger " + id + " " + overlap);
        }

        @Override
        public void trigger() {
            trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED);
        }

        @Override
        public void delete() {
            existing();
            requests.add("delete " + id);
            schedules.remove(id);
        }

        @Override
        public void update(Functions.Func1<ScheduleUpdateInput, ScheduleUpdate> updater) {
            ScheduleUpdate update = updater.apply(new ScheduleUpdateInput(describe()));
            requests.add("update " + id);
            schedules.put(id, update.getSchedule());
        }

        @Override
        public void backfill(List<ScheduleBackfill> backfills) {
            throw new UnsupportedOperationException();
        }

        private void setPaused(boolean paused, String note) {
            Schedule current = existing();
            schedules.put(id, Schedule.newBuilder(current).setState(ScheduleState.newBuilder().setPaused(paused).setNote(note).build())
                    .build());
        }

        private Schedule existing() {
            Schedule schedule = schedules.get(id);
            if (schedule == null) {
                throw new ScheduleException(new StatusRuntimeException(Status.NOT_FOUND.withDescription("schedule not found")));
            }
            return schedule;
        }
    }
}
