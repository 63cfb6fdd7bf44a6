package org.mediamonitor.api;

/** A request whose credentials are missing or wrong. Answered with 401. */
final class UnauthorisedException extends RuntimeException {
    UnauthorisedException(String message) {
        super(message);
    }
}
