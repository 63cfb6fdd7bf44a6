package org.mediamonitor.crawler;

import java.io.IOException;

/** A fetch that failed for a reason worth one line in the operator's log: blocked, too many redirects, HTTP error. */
public final class FetchException extends IOException {
    private final int status;

    public FetchException(String message) {
        this(message, 0);
    }

    public FetchException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status that caused the failure, or 0 when there was no response. */
    public int status() {
        return status;
    }
}
