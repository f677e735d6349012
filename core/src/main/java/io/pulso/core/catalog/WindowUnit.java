package io.pulso.core.catalog;

/**
 * What a destination's window column holds: a date ({@code DAY}), or a month as text {@code YYYY-MM} ({@code MONTH},
 * assignment_data's periodo), where a window covers the whole months of its first and last day.
 */
public enum WindowUnit {
    DAY, MONTH
}
