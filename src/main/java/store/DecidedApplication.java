package store;

import java.util.UUID;

/** A row of {@code apply-decisions.sql}: an application the statement decided. */
public record DecidedApplication(UUID id) {}
