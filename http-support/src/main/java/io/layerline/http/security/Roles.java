package io.layerline.http.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The three roles of the APIs, each including the one below it: a {@link #VIEWER} reads, an {@link #OPERATOR} also
 * acts (applies retention plans, holds, labels, deployments, builds and rebuilds), an {@link #ADMIN} also configures
 * (retention policies, configuration) and reads the audit trail.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private static final List<String> ORDER = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    /** Whether {@code role} is one of the three. */
    public static boolean isKnown(String role) {
        return ORDER.contains(role);
    }

    /** {@code granted} with every role its members include: an admin is also an operator and a viewer. */
    public static Set<String> expand(Collection<String> granted) {
        Set<String> roles = new LinkedHashSet<>(granted);
        int highest = granted.stream().mapToInt(ORDER::indexOf).max().orElse(-1);
        roles.addAll(ORDER.subList(0, highest + 1));
        return roles;
    }
}
