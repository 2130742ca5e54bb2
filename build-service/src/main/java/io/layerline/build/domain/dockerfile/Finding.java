package io.layerline.build.domain.dockerfile;

/**
 * Something to fix in a Dockerfile.
 *
 * @param rule     our rule id, {@code LL001}…
 * @param hadolint the hadolint rule that reports the same thing, or null where hadolint has none
 * @param line     1-based; 0 for the file as a whole
 * @param hint     how to fix it
 */
public record Finding(String rule, Severity severity, int line, String message, String hint, String hadolint) {

    public enum Severity { INFO, WARNING, ERROR }
}
