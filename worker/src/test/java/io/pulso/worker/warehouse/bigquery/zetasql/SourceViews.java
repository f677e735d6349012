package io.pulso.worker.warehouse.bigquery.zetasql;

import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Column;
import io.pulso.worker.warehouse.bigquery.zetasql.GoogleSqlEngine.Table;
import io.pulso.worker.warehouse.demo.DemoSourceSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The four source views as BigQuery types them (pulso-reference.md), and their rows copied from the demo
 * warehouse's PostgreSQL tables of the same name: the demo generator fills both dialects' sources with the same rows.
 *
 * <p>Types: counts INT64, money NUMERIC, rates FLOAT64, timestamp_gestion TIMESTAMP (an instant), and
 * dashboard_cobranzas.fecha_procesamiento DATETIME: zone-less, Lima wall-clock time (the mart runs in Lima).
 */
final class SourceViews {

    /** A view: its name after the configured prefix, and its columns. */
    record View(String name, String demoTable, List<Column> columns) {
    }

    static final List<View> VIEWS = List.of(
            new View("asignaciones_clean", DemoSourceSchema.ASIGNACIONES, List.of(
                    string("archivo"), date("fecha_asignacion_real"), string("cartera"), string("negocio"),
                    string("cod_luna"), string("cuenta"), numeric("deuda_inicial"), numeric("monto_exigible_diario"),
                    string("estado_deudor"))),
            new View("gestiones_unificadas", DemoSourceSchema.GESTIONES, List.of(
                    string("cod_luna"), date("fecha_gestion"), column("timestamp_gestion", TypeKind.TYPE_TIMESTAMP),
                    string("canal_origen"), string("campaign_name"), string("correo_agente"), string("nombre_agente"),
                    string("contactabilidad"), bool("es_contacto_efectivo"), bool("es_compromiso"),
                    int64("peso_gestion"))),
            new View("pagos_unicos", DemoSourceSchema.PAGOS, List.of(
                    string("nro_documento"), date("fecha_pago"), numeric("monto_cancelado"))),
            new View("dashboard_cobranzas", DemoSourceSchema.DASHBOARD_COBRANZAS, List.of(
                    date("fecha_foto"), string("archivo"), string("cartera"), string("servicio"), int64("cuentas"),
                    int64("clientes"), numeric("deuda_asig"), numeric("deuda_act"), int64("cuentas_gestionadas"),
                    int64("cuentas_cd"), int64("cuentas_ci"), int64("cuentas_sc"), int64("cuentas_sg"),
                    int64("cuentas_pdp"), numeric("recupero"), float64("pct_cober"), float64("pct_contac"),
                    float64("pct_cd"), float64("pct_ci"), float64("pct_conversion"), float64("pct_efectividad"),
                    float64("pct_cierre"), float64("inten"), column("fecha_procesamiento", TypeKind.TYPE_DATETIME))));

    private SourceViews() {
    }

    /** Every view's rows as read from the demo warehouse, keyed by the view's whole BigQuery path. */
    static Map<String, Table> readFrom(DataSource warehouse, String project, String dataset, String prefix) {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Connection c = warehouse.getConnection(); Statement s = c.createStatement()) {
            for (View view : VIEWS) {
                String columns = String.join(", ", view.columns().stream().map(Column::name).toList());
                List<List<Value>> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + view.demoTable())) {
                    while (rs.next()) {
                        List<Value> row = new ArrayList<>(view.columns().size());
                        for (int i = 0; i < view.columns().size(); i++) {
                            row.add(value(rs, i + 1, view.columns().get(i)));
                        }
                        rows.add(row);
                    }
                }
                tables.put(project + "." + dataset + "." + prefix + view.name(), new Table(view.columns(), rows));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the demo source views: " + e.getMessage(), e);
        }
        return tables;
    }

    private static Value value(ResultSet rs, int index, Column column) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw == null) {
            return Value.createNullValue(column.type());
        }
        return switch (column.type().getKind()) {
            case TYPE_STRING -> Value.createStringValue(rs.getString(index));
            case TYPE_DATE -> Value.createDateValue(rs.getObject(index, LocalDate.class));
            case TYPE_INT64 -> Value.createInt64Value(rs.getLong(index));
            case TYPE_DOUBLE -> Value.createDoubleValue(rs.getDouble(index));
            case TYPE_BOOL -> Value.createBoolValue(rs.getBoolean(index));
            case TYPE_NUMERIC -> Value.createNumericValue(rs.getBigDecimal(index));
            case TYPE_TIMESTAMP -> Value.createTimestampValueFromUnixMicros(
                    ChronoUnit.MICROS.between(java.time.Instant.EPOCH, rs.getObject(index, OffsetDateTime.class).toInstant()));
            case TYPE_DATETIME -> Value.createDatetimeValue(rs.getObject(index, LocalDateTime.class));
            default -> throw new IllegalArgumentException("no conversion for column " + column.name() + " of type "
                    + column.type());
        };
    }

    private static Column column(String name, TypeKind kind) {
        return new Column(name, TypeFactory.createSimpleType(kind));
    }

    private static Column string(String name) {
        return column(name, TypeKind.TYPE_STRING);
    }

    private static Column date(String name) {
        return column(name, TypeKind.TYPE_DATE);
    }

    private static Column int64(String name) {
        return column(name, TypeKind.TYPE_INT64);
    }

    private static Column float64(String name) {
        return column(name, TypeKind.TYPE_DOUBLE);
    }

    private static Column numeric(String name) {
        return column(name, TypeKind.TYPE_NUMERIC);
    }

    private static Column bool(String name) {
        return column(name, TypeKind.TYPE_BOOL);
    }
}
