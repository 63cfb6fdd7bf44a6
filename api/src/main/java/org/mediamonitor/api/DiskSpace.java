package org.mediamonitor.api;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the room left on the disk of the data folder, so that the service stops taking new work
 * before the index runs out of space (Lucene gives up its writer when a flush or commit hits a full
 * disk) and resumes by itself when room is made. The disk is full when less than the configured
 * minimum is free, or after a write failed for want of space, until more room than there was then
 * (plus the minimum) is free again. Each change is logged once.
 */
final class DiskSpace {
    private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);
    /** Room wanted above what was free when a write failed, when no minimum is set. */
    private static final long LEAST_MARGIN = 1 << 20;

    /** What {@code /health} says of the disk; {@code detail} is null while there is room. */
    record State(boolean full, long free, long minimumFree, String detail) {
    }

    private final Path folder;
    private final long minimumFree;
    /** Free bytes when a write last failed for want of space; -1 when none has failed since room was made. */
    private long freeAtFailure = -1;
    private String failure;
    private boolean full;

    DiskSpace(Path folder, long minimumFree) {
        this.folder = folder;
        this.minimumFree = Math.max(0, minimumFree);
    }

    /** True while there is room for new work; looks at the disk each time (a cheap system call). */
    boolean hasRoom() {
        return !state().full();
    }

    /** The disk as it is now. */
    synchronized State state() {
        long free = free();
        String detail = null;
        if (free >= 0 && free < minimumFree) {
            detail = "the data folder has " + megabytes(free) + " free, less than the " + megabytes(minimumFree) + " it keeps free";
        } else if (freeAtFailure >= 0) {
            long wanted = freeAtFailure + Math.max(minimumFree, LEAST_MARGIN);
            if (free >= 0 && free >= wanted) {
                freeAtFailure = -1;
                failure = null;
            } else {
                detail = "a write failed for want of space (" + failure + "); waiting for " + megabytes(wanted) + " free, "
                        + (free < 0 ? "free space unknown" : megabytes(free) + " now");
            }
        }
        boolean nowFull = detail != null;
        if (nowFull != full) {
            full = nowFull;
            if (nowFull) log.error("disk full: {}; crawling is paused and changes are refused until there is room", detail);
            else log.info("disk has room again ({} free): crawling and changes resume", megabytes(free));
        }
        return new State(nowFull, free, minimumFree, detail);
    }

    /**
     * Hears of a failed write; a failure for want of space marks the disk full.
     *
     * @return true when the failure was for want of space
     */
    boolean failed(Throwable error) {
        String reason = noSpace(error);
        if (reason == null) return false;
        synchronized (this) {
            freeAtFailure = Math.max(0, free());
            failure = reason;
        }
        state();
        return true;
    }

    /** The message of the first cause that says the disk (or the quota) is full, or null. */
    static String noSpace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
            if (t instanceof IOException && message != null) {
                String m = message.toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device") || m.contains("disk quota exceeded")
                        || m.contains("not enough space on the disk")) return message;
            }
            if (t.getCause() == t) break;
        }
        return null;
    }

    private long free() {
        try {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null) return -1;
            FileStore store = Files.getFileStore(existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
