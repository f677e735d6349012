package io.pulso.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What {@code pg_dump -s} would print about the public schema, read from the catalog (the embedded server ships no
 * pg_dump): relations, columns in order with types, nullability and defaults, constraints, indexes and triggers with
 * their names and definitions, sequences, functions, views, comments and extensions. Flyway's history table is left
 * out: it is what a rollback changes on purpose; so are an extension's member objects (pg_dump prints only its CREATE
 * EXTENSION). One sorted line per object, so a difference reads as a diff.
 */
record SchemaSnapshot(List<String> lines) {

    private static final String[] QUERIES = {
        """
        SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text
               || ' options=' || coalesce(array_to_string(c.reloptions, ','), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname NOT LIKE 'flyway_schema_history%'
        """,
        """
        SELECT 'column ' || c.relname || '#' || lpad((row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum))::text, 3, '0') || ' ' || a.attname
               || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
               || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
               || CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'default')
                       THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END
               || ' storage=' || a.attstorage::text || ' stats=' || coalesce(a.attstattarget::text, '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname NOT LIKE 'flyway_schema_history%'
        """,
        """
        SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || con.contype::text || ' ' || pg_get_constraintdef(con.oid)
               || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname NOT LIKE 'flyway_schema_history%'
        """,
        """
        SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename NOT LIKE 'flyway_schema_history%'
        """,
        """
        SELECT 'trigger ' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal
        """,
        """
        SELECT 'sequence ' || sequencename || ' ' || data_type || ' start=' || start_value || ' increment=' || increment_by
               || ' min=' || min_value || ' max=' || max_value || ' cycle=' || cycle
        FROM pg_sequences WHERE schemaname = 'public' AND sequencename NOT LIKE 'flyway_schema_history%'
        """,
        """
        SELECT 'sequence-owner ' || s.relname || ' ' || t.relname || '.' || a.attname
        FROM pg_depend d
        JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        JOIN pg_namespace n ON n.oid = s.relnamespace
        WHERE n.nspname = 'public' AND d.deptype IN ('a', 'i')
        """,
        """
        SELECT 'function ' || p.oid::regprocedure::text || ' ' || pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
        """,
        """
        SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
        """,
        """
        SELECT 'comment ' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description
        FROM pg_description d
        JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
        WHERE n.nspname = 'public'
        """,
        """
        SELECT 'extension ' || extname FROM pg_extension
        """,
    };

    static SchemaSnapshot of(DataSource db) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
        }
        lines.sort(null);
        return new SchemaSnapshot(List.copyOf(lines));
    }

    boolean has(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
