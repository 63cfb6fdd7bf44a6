package org.mediamonitor.api;

/** A request that cannot be answered as asked; the message tells the caller what to change. Answered with 400. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
