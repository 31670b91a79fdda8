package org.ffmas.crm;

import java.time.Instant;
import java.util.Optional;

/** One start of the platform; no {@code stoppedAt} means it ended without a clean stop. */
public record PlatformRun(long id, String version, String host, Instant startedAt, Optional<Instant> stoppedAt) {}
