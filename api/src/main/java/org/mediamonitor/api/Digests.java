package org.mediamonitor.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
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
 * it (HTML with a plain-text part) to the configured recipients over SMTP.
 */
final class Digests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    /** Where and how digests are sent; no recipients means no e-mail. */
    record Mail(String host, int port, String from, List<String> recipients, String username, String password,
                boolean startTls) {
    }

    private final ItemIndex index;
    private final Path folder;
    private final Mail mail;
    private final MailClient client;

    Digests(Vertx vertx, ItemIndex index, Path dataFolder, Mail mail) {
        this.index = index;
        this.folder = dataFolder.resolve("digests");
        this.mail = mail;
        if (mail != null && mail.recipients() != null && !mail.recipients().isEmpty()) {
            MailConfig config = new MailConfig().setHostname(mail.host()).setPort(mail.port())
                    .setStarttls(mail.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED);
            if (mail.username() != null && !mail.username().isBlank()) {
                config.setUsername(mail.username()).setPassword(mail.password());
            }
            this.client = MailClient.createShared(vertx, config, "media-monitor-digest");
        } else {
            this.client = null;
        }
    }

    /** Builds the digest of {@code day} and archives it; the archived copy is replaced by a newer build. */
    Digest build(LocalDate day) throws IOException {
        Digest digest = Digest.build(index, day);
        Files.createDirectories(folder);
        write(folder.resolve(day + ".html"), DigestPage.html(digest));
        write(folder.resolve(day + ".json"), Json.MAPPER.writeValueAsString(digest));
        return digest;
    }

    /** Sends {@code digest} to the recipients; completes at once when no e-mail is configured. */
    Future<Void> send(Digest digest) {
        if (client == null) return Future.succeededFuture();
        MailMessage message = new MailMessage().setFrom(mail.from()).setTo(mail.recipients())
                .setSubject(DigestPage.title(digest)).setText(DigestPage.text(digest)).setHtml(DigestPage.html(digest));
        return client.sendMail(message)
                .onSuccess(r -> log.info("digest {} sent to {} recipients", digest.day(), mail.recipients().size()))
                .onFailure(e -> log.warn("digest {} not sent: {}", digest.day(), e.getMessage()))
                .mapEmpty();
    }

    private static void write(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        if (client != null) client.close();
    }
}
