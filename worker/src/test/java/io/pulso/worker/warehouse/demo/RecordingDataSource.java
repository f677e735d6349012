package io.pulso.worker.warehouse.demo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** Wraps a DataSource and records every SQL text handed to the driver, to check what is really executed. */
final class RecordingDataSource {

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    RecordingDataSource(DataSource target) {
        this.dataSource = wrap(DataSource.class, target);
    }

    DataSource dataSource() {
        return dataSource;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, Object target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch"))) {
                statements.add(sql);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("getConnection") && result instanceof Connection c) {
                return wrap(Connection.class, c);
            }
            if (name.equals("createStatement") && result instanceof Statement s) {
                return wrap(Statement.class, s);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
