package org.mediamonitor.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens of the service, kept in {@code state/tokens.json} of the data folder. A token is shown
 * once, when it is created; only its SHA-256 hash is stored (tokens are 256 random bits, so a fast hash
 * is enough to make the file useless to a reader).
 */
final class AccessTokens {
    /** One stored token: who holds it and what it may do. */
    record Holder(String name, Role role, String hash, Instant created) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private volatile List<Holder> holders;

    AccessTokens(Path dataFolder) throws IOException {
        this.file = dataFolder.resolve("state").resolve("tokens.json");
        this.holders = Files.exists(file)
                ? Json.MAPPER.readValue(file.toFile(), new TypeReference<List<Holder>>() { })
                : List.of();
    }

    /** Creates a token for {@code name}, replacing any token of that name, and returns it: the only time it is seen. */
    synchronized String create(String name, Role role) throws IOException {
        if (name == null || !name.matches("[\\p{L}\\p{N} ._@-]{1,64}")) {
            throw new IllegalArgumentException("a token name is 1 to 64 letters, digits, spaces or . _ @ -");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "mm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<Holder> next = new ArrayList<>(holders);
        next.removeIf(h -> h.name().equals(name));
        next.add(new Holder(name, role, hash(token), Instant.now()));
        save(next);
        return token;
    }

    /** Removes the token of {@code name}; false if there was none. */
    synchronized boolean revoke(String name) throws IOException {
        List<Holder> next = new ArrayList<>(holders);
        boolean removed = next.removeIf(h -> h.name().equals(name));
        if (removed) save(next);
        return removed;
    }

    List<Holder> list() {
        return holders;
    }

    /** True while the holder's token has not been revoked or replaced. */
    boolean isCurrent(Holder holder) {
        return holders.stream().anyMatch(h -> h.hash().equals(holder.hash()));
    }

    /** The holder of {@code token}, if it is a valid token. */
    Optional<Holder> holderOf(String token) {
        if (token == null || !token.startsWith("mm_")) return Optional.empty();
        byte[] given = hash(token).getBytes(StandardCharsets.US_ASCII);
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(given, holder.hash().getBytes(StandardCharsets.US_ASCII))) return Optional.of(holder);
        }
        return Optional.empty();
    }

    private void save(List<Holder> next) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("tokens.json.tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), next);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        holders = List.copyOf(next);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
