package io.layerline.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The static bearer tokens of robots (CI, deployers, Grafana) and of a one-machine run, configured as
 * {@code layerline.security.tokens} — a list of {@code <name>:<role>:<sha256 of the token in hex>}, for example
 * {@code ci:operator:9f86d0…}. Only the hash is configured, so the token itself is in no file or environment of
 * the service.
 */
@ConfigurationProperties("layerline.security")
public class StaticTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private List<Token> tokens = List.of();

    /** One configured token: who uses it, the role it grants and its hash. */
    public record Token(String name, String role, byte[] sha256) {
    }

    public List<Token> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> entries) {
        List<Token> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 3 || !NAME.matcher(parts[0]).matches()
                    || !Roles.isKnown(parts[1].toLowerCase(Locale.ROOT)) || !SHA256.matcher(parts[2]).matches()) {
                throw new ConfigurationException("layerline.security.tokens: an entry must be"
                        + " <name>:<viewer|operator|admin>:<sha256 hex of the token>, not '" + redact(entry) + "'");
            }
            parsed.add(new Token(parts[0], parts[1].toLowerCase(Locale.ROOT), HexFormat.of().parseHex(parts[2])));
        }
        this.tokens = List.copyOf(parsed);
    }

    /** The entry without what could be a secret pasted by mistake in place of its hash. */
    private static String redact(String entry) {
        int last = entry.lastIndexOf(':');
        return last < 0 ? "…" : entry.substring(0, last + 1) + "…";
    }
}
