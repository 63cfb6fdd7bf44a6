package org.mediamonitor.index;

/** A query, filter or cursor that cannot be run; the message says what is wrong and where, for the person who wrote it. */
public final class InvalidQueryException extends IllegalArgumentException {
    public InvalidQueryException(String message) {
        super(message);
    }
}
