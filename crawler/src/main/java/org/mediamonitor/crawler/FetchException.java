package org.mediamonitor.crawler;

import java.io.IOException;
import java.time.Instant;

/**
 * A fetch that failed for a reason worth one line in the operator's log: refused address, robots.txt,
 * skipped content type, too many redirects, an HTTP error, or a host that asked us to wait.
 */
public final class FetchException extends IOException {
    private final int status;
    private final Instant retryAt;

    public FetchException(String message) {
        this(message, 0, null);
    }

    public FetchException(String message, int status) {
        this(message, status, null);
    }

    public FetchException(String message, int status, Instant retryAt) {
        super(message);
        this.status = status;
        this.retryAt = retryAt;
    }

    /** The HTTP status that caused the failure, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** When the host said it may be asked again (429/503 with Retry-After, or a back-off), or null. */
    public Instant retryAt() {
        return retryAt;
    }

    /** True when asking again later may succeed: a back-off or a server error (not a refusal or a 404). */
    public boolean transientFailure() {
        return retryAt != null || status == 408 || status == 429 || status >= 500;
    }
}
