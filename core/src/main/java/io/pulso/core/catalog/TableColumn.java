package io.pulso.core.catalog;

/** A destination column as the database declares it ({@code sqlType} is PostgreSQL's name, e.g. "date", "integer"). */
public record TableColumn(String name, String sqlType, boolean nullable) {
}
