package org.ffmas.crm.common;

import java.time.Duration;

/** Refused for a while, e.g. after too many failed logins (answered as 429 with Retry-After). */
public class TooManyRequestsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
