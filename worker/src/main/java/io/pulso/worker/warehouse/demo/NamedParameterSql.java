package io.pulso.worker.warehouse.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL with {@code :name} parameters turned into JDBC {@code ?} placeholders, remembering which name each
 * placeholder stands for (a name may occur several times). Text inside quotes, quoted identifiers, dollar-quoted
 * strings and comments is left alone, and so are {@code ::} casts.
 *
 * @param jdbcSql        the SQL with {@code ?} placeholders
 * @param parameterNames the name behind each placeholder, in order
 */
record NamedParameterSql(String jdbcSql, List<String> parameterNames) {

    NamedParameterSql {
        parameterNames = List.copyOf(parameterNames);
    }

    static NamedParameterSql parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            int end;
            if (ch == '\'') {
                end = closingQuote(sql, i, '\'');
            } else if (ch == '"') {
                end = closingQuote(sql, i, '"');
            } else if (ch == '-' && next == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
            } else if (ch == '/' && next == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated /* comment in SQL");
                }
                end = close + 2;
            } else if (ch == '$' && (next == '$' || Character.isLetter(next) || next == '_')) {
                end = dollarQuoteEnd(sql, i);
            } else if (ch == ':' && next == ':') {
                end = i + 2;
            } else if (ch == ':' && (Character.isLetter(next) || next == '_')) {
                int nameEnd = i + 1;
                while (nameEnd < n && (Character.isLetterOrDigit(sql.charAt(nameEnd)) || sql.charAt(nameEnd) == '_')) {
                    nameEnd++;
                }
                names.add(sql.substring(i + 1, nameEnd));
                out.append('?');
                i = nameEnd;
                continue;
            } else if (ch == '?') {
                // The driver would read it as a placeholder and the bindings would shift.
                throw new IllegalArgumentException("SQL must not contain '?' outside strings and comments; "
                        + "use :name parameters");
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new NamedParameterSql(out.toString(), names);
    }

    /** Index just after the quote closing the one at {@code start}; a doubled quote is an escaped quote. */
    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote in SQL");
    }

    /** Handles {@code $$...$$} and {@code $tag$...$tag$}; a {@code $name} that is not a tag is plain text. */
    private static int dollarQuoteEnd(String sql, int start) {
        int tagEnd = start + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated dollar-quoted string " + tag + " in SQL");
        }
        return close + tag.length();
    }
}
