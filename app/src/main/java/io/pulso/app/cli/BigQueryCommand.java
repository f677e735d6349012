package io.pulso.app.cli;

import io.pulso.app.PulsoCli;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.WarehouseException;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.DryRunResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `pulso bigquery check`: dry-runs every table's extraction against BigQuery and prints the bytes each would scan. */
@Command(name = "bigquery", mixinStandardHelpOptions = true,
        description = "BigQuery source tools. Environment: BIGQUERY_PROJECT_ID, GOOGLE_APPLICATION_CREDENTIALS (or ADC), "
                + "BIGQUERY_JOB_PROJECT_ID, BIGQUERY_DATASET, BIGQUERY_VIEW_PREFIX, BIGQUERY_LOCATION, BIGQUERY_EMULATOR_HOST.",
        subcommands = {BigQueryCommand.Check.class})
public final class BigQueryCommand implements Runnable {

    @ParentCommand
    PulsoCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate every table's extraction SQL with a dry-run job (nothing runs, nothing is billed) "
                    + "and print the bytes a full extraction would scan. Exit code 1 if any table fails.")
    static final class Check implements Callable<Integer> {

        @ParentCommand
        BigQueryCommand parent;

        @Override
        public Integer call() {
            BigQueryConfig config = BigQueryConfig.fromEnv(parent.root.env());
            BigQueryWarehouse warehouse = BigQueryWarehouse.create(config);
            PrintWriter out = parent.spec.commandLine().getOut();
            out.printf("BigQuery project %s (jobs in %s), dataset %s, location %s%n", config.projectId(),
                    config.jobProjectId(), config.dataset(), config.location());
            int failures = 0;
            long total = 0;
            boolean unreachable = false;
            for (TableDefinition table : TableCatalog.pulso().all()) {
                if (unreachable) {
                    failures++;
                    out.printf("  %-18s SKIPPED BigQuery is not reachable%n", table.name());
                    continue;
                }
                try {
                    DryRunResult result = warehouse.dryRun(table);
                    total += result.bytesProcessed();
                    out.printf("  %-18s ok      %s%n", table.name(), bytes(result.bytesProcessed()));
                } catch (WarehouseException e) {
                    failures++;
                    out.printf("  %-18s FAILED  %s: %s%n", table.name(), e.reason(), e.getMessage());
                    // The client already retried the connection for a while; the next tables would only wait as long.
                    unreachable = "connection".equals(e.reason());
                }
            }
            out.printf("%d of %d tables valid; a full extraction of all would scan %s%n",
                    TableCatalog.pulso().all().size() - failures, TableCatalog.pulso().all().size(), bytes(total));
            return failures == 0 ? 0 : 1;
        }

        static String bytes(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
            double value = bytes;
            int unit = -1;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
        }
    }
}
