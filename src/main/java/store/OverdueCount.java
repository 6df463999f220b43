package store;

/** The row of {@code count-overdue-reviews.sql}: tasks past their due time and not decided. */
public record OverdueCount(long overdue) {}
