package org.ffmas.crm.sync;

import org.ffmas.crm.common.InvalidInputException;

/** A failure as the runs' details, the logs and the answers to staff name it. */
final class Failures {

    private Failures() {}

    /** The fields at fault of refused input, else the message, else the kind of failure. */
    static String describe(Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.errors().stream().map(fe -> fe.field() + " " + fe.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
