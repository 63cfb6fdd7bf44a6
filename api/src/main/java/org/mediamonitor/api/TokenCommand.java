package org.mediamonitor.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor token}: API tokens for people and systems. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it once; only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, editor or admin.")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what holds the token.")
        String name;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
        Path data = Path.of("data");

        @Override
        public Integer call() throws Exception {
            Role parsed = Role.parse(role);
            String token = new AccessTokens(data).create(name, parsed);
            try (AuditLog audit = new AuditLog(data)) {
                audit.record("cli:" + System.getProperty("user.name"), "token.create", name, Map.of("role", parsed.wireName()));
            }
            System.out.println(token);
            System.err.println("Token for " + name + " (" + parsed.wireName() + "). It is not shown again: keep it now."
                    + " Send it as: Authorization: Bearer <token>");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List token holders and their roles.")
    static final class ListTokens implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
        Path data = Path.of("data");

        @Override
        public Integer call() throws Exception {
            for (AccessTokens.Holder h : new AccessTokens(data).list()) {
                System.out.println(h.name() + "\t" + h.role().wireName() + "\t" + h.created());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke the token of a holder.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The holder whose token ends.")
        String name;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
        Path data = Path.of("data");

        @Override
        public Integer call() throws Exception {
            if (!new AccessTokens(data).revoke(name)) {
                System.err.println("monitor: no token named " + name);
                return 2;
            }
            try (AuditLog audit = new AuditLog(data)) {
                audit.record("cli:" + System.getProperty("user.name"), "token.revoke", name, Map.of());
            }
            return 0;
        }
    }
}
