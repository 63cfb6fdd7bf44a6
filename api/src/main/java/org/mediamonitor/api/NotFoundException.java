package org.mediamonitor.api;

/** A request for something that is not there: an item, a snapshot. Answered with 404. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
