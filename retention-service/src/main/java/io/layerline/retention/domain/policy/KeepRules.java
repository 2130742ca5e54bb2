package io.layerline.retention.domain.policy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every kind of rule a policy can hold, found by the name policies write it by. */
public final class KeepRules {

    public static final List<RuleKind> ALL = List.of(KeepNewestUsed.KIND, KeepYoungerThan.KIND,
            KeepNeverDeployedYoungerThan.KIND, KeepTagsMatching.KIND, DeleteUntaggedOlderThan.KIND);

    private KeepRules() {
    }

    public static Optional<RuleKind> named(String type) {
        return ALL.stream().filter(kind -> kind.type().equals(type)).findFirst();
    }

    /** The names, for people: "keepNewestUsed, keepYoungerThan, … or deleteUntaggedOlderThan". */
    public static String names() {
        List<String> names = ALL.stream().map(RuleKind::type).toList();
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + names.get(names.size() - 1);
    }
}
