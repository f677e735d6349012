package io.pulso.app;

import io.pulso.app.cli.ApiCommand;
import io.pulso.app.cli.BigQueryCommand;
import io.pulso.app.cli.DbCommand;
import io.pulso.app.cli.DemoCommand;
import io.pulso.app.cli.DevCommand;
import io.pulso.app.cli.WorkerCommand;
import io.pulso.core.catalog.CatalogMismatchException;
import io.pulso.core.config.ConfigException;
import io.pulso.core.db.DatabaseUnavailableException;
import io.pulso.core.config.Env;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `pulso` command: the embedded system (dev, demo), the production processes (api, worker) and migrations (db). */
@Command(name = "pulso", mixinStandardHelpOptions = true, version = "pulso-etl 0.1.0",
        description = "Pulso ETL: BigQuery to PostgreSQL/TimescaleDB refreshes orchestrated by Temporal.",
        subcommands = {DevCommand.class, DemoCommand.class, ApiCommand.class, WorkerCommand.class, DbCommand.class,
                BigQueryCommand.class})
public final class PulsoCli implements Runnable {

    private final Env env;

    PulsoCli(Env env) {
        this.env = env;
    }

    /** The environment the commands read their configuration from (the process's, or a test's). */
    public Env env() {
        return env;
    }

    public static void main(String[] args) {
        System.exit(execute(Env.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int execute(Env env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PulsoCli(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(e));
            return e instanceof ConfigException || e instanceof CatalogMismatchException ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** Startup failures as one clear line (plus the list for a catalog mismatch), never a stack trace. */
    private static String describe(Exception e) {
        if (e instanceof ConfigException || e instanceof CatalogMismatchException || e instanceof DatabaseUnavailableException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + (e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")" : "");
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
