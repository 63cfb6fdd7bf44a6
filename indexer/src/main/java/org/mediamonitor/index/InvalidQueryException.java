package org.mediamonitor.index;

/** A query, filter or cursor that cannot be run; the message says what is wrong and where, for the person who wrote it. */
public final class InvalidQueryException extends IllegalArgumentException {
    private final int position;

    public InvalidQueryException(String message) {
        super(message);
        this.position = -1;
    }

    /** An error at {@code position} (1 for the first character of the query). */
    public InvalidQueryException(String message, int position) {
        super(message + " (at position " + position + ")");
        this.position = position;
    }

    /** Where in the query the error is, counting from 1; -1 when it is not about one place. */
    public int position() {
        return position;
    }
}
