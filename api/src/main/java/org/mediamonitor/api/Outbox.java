package org.mediamonitor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages on their way out: e-mails (digests and alerts) and webhook posts. Each is written to
 * {@code outbox/} in the data folder before the first attempt and removed only once delivered, so an
 * SMTP server or a webhook that is down loses nothing, not even across a restart: the messages left
 * there are sent when the service starts again. A failed attempt is retried after a pause that doubles
 * each time up to a ceiling; a message that still cannot be delivered after {@link Retry#giveUpAfter()}
 * (or that the receiver refuses outright) moves to {@code outbox/failed/}, logged, for an operator.
 */
final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(2);

    /** The SMTP server that e-mails go through. */
    record Smtp(String host, int port, String username, String password, boolean startTls) {
    }

    /**
     * When to try again.
     *
     * @param first       the pause after the first failure
     * @param longest     the pause never grows beyond this
     * @param giveUpAfter a message this old that has still not gone out moves to {@code failed/}
     */
    record Retry(Duration first, Duration longest, Duration giveUpAfter) {
        static final Retry DEFAULT = new Retry(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(7));

        Duration after(int failures) {
            long millis = first.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
            return millis <= 0 || millis > longest.toMillis() ? longest : Duration.ofMillis(millis);
        }
    }

    /** An e-mail: an HTML part is sent beside the text when there is one. */
    record Mail(String from, List<String> to, String subject, String text, String html) {
    }

    /** A JSON body to POST to a URL. */
    record Webhook(String url, String body) {
    }

    /**
     * One message as the outbox keeps it: exactly one of {@code mail} and {@code webhook}.
     *
     * @param what        what it carries, for the log ({@code digest 2018-03-23}, {@code alert spike:…})
     * @param attempts    failed attempts so far
     * @param nextAttempt not tried again before this
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String id, String what, Instant created, int attempts, Instant nextAttempt, String lastError,
                   Mail mail, Webhook webhook) {
        Message failed(String error, Instant next) {
            return new Message(id, what, created, attempts + 1, next, error, mail, webhook);
        }
    }

    private final Path folder;
    private final Retry retry;
    private final Clock clock;
    private final MailClient mailClient;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor sender = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "outbox");
        thread.setDaemon(true);
        return thread;
    });

    /** Opens the outbox in {@code dataFolder} and schedules the messages left in it. */
    Outbox(Vertx vertx, Path dataFolder, Smtp smtp) throws IOException {
        this(vertx, dataFolder, smtp, Retry.DEFAULT, Clock.systemUTC());
    }

    Outbox(Vertx vertx, Path dataFolder, Smtp smtp, Retry retry, Clock clock) throws IOException {
        this.folder = dataFolder.resolve("outbox");
        // on close, the attempt under way ends; the waiting ones stay in the folder for the next start
        sender.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.retry = retry;
        this.clock = clock;
        Files.createDirectories(folder);
        MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
                .setStarttls(smtp.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED);
        if (smtp.username() != null && !smtp.username().isBlank()) config.setUsername(smtp.username()).setPassword(smtp.password());
        this.mailClient = MailClient.create(vertx, config);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        List<Message> waiting = waiting();
        if (!waiting.isEmpty()) log.info("outbox: {} messages waiting from before; trying them now", waiting.size());
        // at once, not at their next attempt: a restart is often the moment the mail settings were fixed
        for (Message m : waiting) schedule(m.id(), Duration.ZERO);
    }

    /** Queues an e-mail; see {@link #post(String, Mail, Webhook)}. */
    CompletableFuture<Boolean> mail(String what, Mail mail) {
        return post(what, mail, null);
    }

    /** Queues a webhook post; see {@link #post(String, Mail, Webhook)}. */
    CompletableFuture<Boolean> webhook(String what, Webhook webhook) {
        return post(what, null, webhook);
    }

    /**
     * Keeps the message on disk (it is safe once this returns) and tries to deliver it at once.
     *
     * @return completes after the first attempt: true if the message went out, false if it waits for a retry
     * @throws java.io.UncheckedIOException when the message cannot be written to the outbox
     */
    private CompletableFuture<Boolean> post(String what, Mail mail, Webhook webhook) {
        Instant now = clock.instant();
        Message message = new Message(now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8), what, now,
                0, now, null, mail, webhook);
        try {
            write(message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the outbox cannot keep " + what, e);
        }
        CompletableFuture<Boolean> firstAttempt = new CompletableFuture<>();
        try {
            sender.execute(() -> firstAttempt.complete(deliver(message.id())));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            firstAttempt.complete(false); // closing: the message waits in the folder for the next start
        }
        return firstAttempt;
    }

    /** The messages waiting, oldest first. */
    List<Message> waiting() throws IOException {
        List<Message> all = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try {
                    all.add(Json.MAPPER.readValue(file.toFile(), Message.class));
                } catch (IOException e) {
                    log.error("outbox: {} cannot be read, moved to failed/: {}", file.getFileName(), e.getMessage());
                    moveToFailed(file);
                }
            }
        }
        all.sort(java.util.Comparator.comparing(Message::created));
        return all;
    }

    private void schedule(String id, Duration delay) {
        if (sender.isShutdown()) return;
        sender.schedule(() -> deliver(id), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** One attempt at the message with this id (on the sender thread); true when it went out. */
    private boolean deliver(String id) {
        Path file = folder.resolve(id + ".json");
        Message message;
        try {
            if (!Files.exists(file)) return true; // delivered by an earlier attempt
            message = Json.MAPPER.readValue(file.toFile(), Message.class);
        } catch (IOException e) {
            log.error("outbox: {} cannot be read, moved to failed/: {}", file.getFileName(), e.getMessage());
            moveToFailed(file);
            return false;
        }
        String error;
        boolean permanent = false;
        try {
            if (message.mail() != null) sendMail(message.mail());
            else if (message.webhook() != null) postWebhook(message.webhook());
            Files.deleteIfExists(file);
            log.info("outbox: {} delivered{}", message.what(), message.attempts() == 0 ? "" : " after " + message.attempts() + " failed attempts");
            return true;
        } catch (Refused e) {
            error = e.getMessage();
            permanent = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("outbox: {} interrupted by closing; it stays in the outbox", message.what());
            return false;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        Instant now = clock.instant();
        if (permanent || Duration.between(message.created(), now).compareTo(retry.giveUpAfter()) > 0) {
            log.error("outbox: {} not delivered ({} attempts), moved to failed/: {}", message.what(), message.attempts() + 1, error);
            moveToFailed(file);
            return false;
        }
        Duration pause = retry.after(message.attempts() + 1);
        Message failed = message.failed(error, now.plus(pause));
        try {
            write(failed);
        } catch (IOException e) {
            log.error("outbox: cannot record the failed attempt at {}: {}", message.what(), e.getMessage());
        }
        log.warn("outbox: {} not delivered (attempt {}), next try in {}: {}", message.what(), failed.attempts(),
                pause.toString().substring(2).toLowerCase(java.util.Locale.ROOT), error);
        schedule(id, pause);
        return false;
    }

    private void sendMail(Mail mail) throws Exception {
        MailMessage message = new MailMessage().setFrom(mail.from()).setTo(mail.to()).setSubject(mail.subject())
                .setText(mail.text());
        if (mail.html() != null) message.setHtml(mail.html());
        mailClient.sendMail(message).toCompletionStage().toCompletableFuture()
                .get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void postWebhook(Webhook webhook) throws IOException, InterruptedException, Refused {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "MediaMonitor/0.1")
                .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status / 100 == 2) return;
        // a request the receiver refuses as such will be refused again; a busy or broken receiver may recover
        if (status / 100 == 4 && status != 408 && status != 429) throw new Refused("the webhook refused the post: HTTP " + status);
        throw new IOException("the webhook answered HTTP " + status);
    }

    /** A receiver's definite no: retrying cannot help. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private void write(Message message) throws IOException {
        Path file = folder.resolve(message.id() + ".json");
        Path temporary = folder.resolve(message.id() + ".json.tmp");
        Files.writeString(temporary, Json.MAPPER.writeValueAsString(message), StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void moveToFailed(Path file) {
        try {
            Path failed = Files.createDirectories(folder.resolve("failed"));
            Files.move(file, failed.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("outbox: cannot move {} to failed/: {}", file.getFileName(), e.getMessage());
        }
    }

    /** Stops sending; what is still waiting stays in the folder for the next start. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                sender.shutdownNow();
                log.warn("outbox: an attempt did not end within 10 s and was stopped");
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        mailClient.close();
        http.close();
    }
}
