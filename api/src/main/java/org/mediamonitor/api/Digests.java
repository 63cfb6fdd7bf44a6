package org.mediamonitor.api;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import org.mediamonitor.index.ItemIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds daily digests, keeps each in {@code digests/} of the data folder (HTML and JSON), and e-mails
 * it (HTML with a plain-text part) to the configured recipients through the {@link Outbox}, which keeps
 * it until the SMTP server has taken it.
 */
final class Digests {
    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    /** Where and how digests are sent; no recipients means no e-mail. */
    record Mail(String host, int port, String from, List<String> recipients, String username, String password,
                boolean startTls) {
        Outbox.Smtp smtp() {
            return new Outbox.Smtp(host, port, username, password, startTls);
        }

        boolean wanted() {
            return recipients != null && !recipients.isEmpty();
        }
    }

    private final ItemIndex index;
    private final Path folder;
    private final Mail mail;
    private final Outbox outbox;

    Digests(ItemIndex index, Path dataFolder, Mail mail, Outbox outbox) {
        this.index = index;
        this.folder = dataFolder.resolve("digests");
        this.mail = mail;
        this.outbox = outbox;
    }

    /** Builds the digest of {@code day} and archives it; the archived copy is replaced by a newer build. */
    Digest build(LocalDate day) throws IOException {
        Digest digest = Digest.build(index, day);
        Files.createDirectories(folder);
        write(folder.resolve(day + ".html"), DigestPage.html(digest));
        write(folder.resolve(day + ".json"), Json.MAPPER.writeValueAsString(digest));
        return digest;
    }

    /**
     * Puts {@code digest} in the outbox for the recipients and marks it sent ({@code digests/DAY.sent});
     * completes after the first attempt at delivery (true: delivered, false: waiting for a retry), at
     * once when no e-mail is configured.
     */
    Future<Boolean> send(Digest digest) {
        if (mail == null || !mail.wanted()) return Future.succeededFuture(false);
        Outbox.Mail message = new Outbox.Mail(mail.from(), mail.recipients(), DigestPage.title(digest),
                DigestPage.text(digest), DigestPage.html(digest));
        var attempt = outbox.mail("digest " + digest.day(), message);
        try {
            write(folder.resolve(digest.day() + ".sent"), digest.built().toString());
        } catch (IOException e) {
            log.warn("digest {}: cannot mark it sent: {}", digest.day(), e.getMessage());
        }
        return Future.fromCompletionStage(attempt);
    }

    /** True when the digest of {@code day} is to be e-mailed and has not yet been handed to the outbox (by this or an earlier run). */
    boolean due(LocalDate day) {
        return mail != null && mail.wanted() && !Files.exists(folder.resolve(day + ".sent"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
