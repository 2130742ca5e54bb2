package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.Tier;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What someone enters about a repository. Replacing sets every field (an absent one is cleared); patching changes
 * only the fields given, a {@code null} clearing one (JSON merge patch).
 */
public record UpdateMetadata(String registry, String repository, Map<Field, String> values, boolean replace) {

    public enum Field {
        OWNER_TEAM("ownerTeam", 100), TIER("tier", 10), DESCRIPTION("description", 2000), DOCS_URL("docsUrl", 2000),
        CONTACT("contact", 200);

        private final String json;
        private final int maxLength;

        Field(String json, int maxLength) {
            this.json = json;
            this.maxLength = maxLength;
        }

        public String json() {
            return json;
        }
    }

    public record FieldError(String field, String message) {
    }

    /** A command, or every reason the input is not one. */
    public sealed interface Outcome permits Valid, Invalid {
    }

    public record Valid(UpdateMetadata command) implements Outcome {
    }

    public record Invalid(List<FieldError> errors) implements Outcome {
    }

    public static Outcome parse(String registry, String repository, Map<String, Object> body, boolean replace) {
        List<FieldError> errors = new ArrayList<>();
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            Field field = fieldNamed(entry.getKey());
            if (field == null) {
                errors.add(new FieldError(entry.getKey(), "unknown field; known: ownerTeam, tier, description, "
                        + "docsUrl, contact"));
                continue;
            }
            Object value = entry.getValue();
            if (value != null && !(value instanceof String)) {
                errors.add(new FieldError(field.json, "must be a string or null"));
                continue;
            }
            String text = value == null ? null : ((String) value).strip();
            String problem = text == null ? null : problem(field, text);
            if (problem != null) {
                errors.add(new FieldError(field.json, problem));
            } else {
                values.put(field, text == null || text.isEmpty() ? null : text);
            }
        }
        return errors.isEmpty() ? new Valid(new UpdateMetadata(registry, repository, values, replace))
                : new Invalid(errors);
    }

    public Metadata applyTo(Metadata current, Instant at) {
        return new Metadata(value(Field.OWNER_TEAM, current.ownerTeam()),
                tierOf(value(Field.TIER, current.tier() == null ? null : current.tier().name())),
                value(Field.DESCRIPTION, current.description()), value(Field.DOCS_URL, current.docsUrl()),
                value(Field.CONTACT, current.contact()), at);
    }

    private String value(Field field, String current) {
        return values.containsKey(field) ? values.get(field) : replace ? null : current;
    }

    private static Tier tierOf(String value) {
        return value == null ? null : Tier.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static Field fieldNamed(String json) {
        for (Field field : Field.values()) {
            if (field.json.equals(json)) {
                return field;
            }
        }
        return null;
    }

    private static String problem(Field field, String text) {
        if (text.length() > field.maxLength) {
            return "at most " + field.maxLength + " characters";
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            return "must not contain control characters";
        }
        if (field == Field.TIER && !text.isEmpty()) {
            try {
                Tier.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return "must be one of os, runtime, tooling, app";
            }
        }
        if (field == Field.DOCS_URL && !text.isEmpty()) {
            try {
                URI uri = new URI(text);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    return "must be an http or https URL";
                }
            } catch (URISyntaxException e) {
                return "must be an http or https URL";
            }
        }
        return null;
    }
}
