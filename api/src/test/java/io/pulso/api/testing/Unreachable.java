package io.pulso.api.testing;

import io.pulso.core.refresh.RefreshStarter;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Dependencies that point at a port nothing listens on: outages without waiting for timeouts. */
public final class Unreachable {

    public static final String PASSWORD = "s3cret-never-shown";

    private Unreachable() {
    }

    public static DataSource database() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {closedPort()});
        ds.setDatabaseName("pulso");
        ds.setUser("pulso");
        ds.setPassword(PASSWORD);
        ds.setConnectTimeout(2);
        return ds;
    }

    /** A starter whose Temporal frontend refuses connections; the caller closes the returned stubs. */
    public static WorkflowServiceStubs temporal() {
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + closedPort()).build());
    }

    public static RefreshStarter starter(WorkflowServiceStubs stubs) {
        return new RefreshStarter(WorkflowClient.newInstance(stubs), ApiTestFixture.TASK_QUEUE);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
