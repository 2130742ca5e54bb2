package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.RepositoryId;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which repositories a policy governs (registry and repository globs: {@code *} within a path segment,
 * {@code **} across segments) and the rules that choose what to keep there. Everything no rule keeps and no
 * protection covers is deleted.
 */
public record RetentionPolicy(String id, int version, String registryGlob, String repositoryGlob, List<KeepRule> rules) {

    public RetentionPolicy {
        rules = List.copyOf(rules);
    }

    /**
     * The rule set platform teams use: keep the newest 2 used images without a promotion label, the newest 10
     * whose highest label is {@code maybe_prod}, the newest 10 labelled {@code prod}, and anything pushed in the
     * last 7 days.
     */
    public static RetentionPolicy defaults(String id, String registryGlob, String repositoryGlob) {
        return new RetentionPolicy(id, 1, registryGlob, repositoryGlob, List.of(
                new KeepNewestUsed(LabelClass.UNLABELLED, 2),
                new KeepNewestUsed(LabelClass.MAYBE_PROD, 10),
                new KeepNewestUsed(LabelClass.PROD, 10),
                new KeepYoungerThan(Duration.ofDays(7))));
    }

    public boolean governs(RepositoryId repository) {
        return glob(registryGlob).matcher(repository.registry()).matches()
                && glob(repositoryGlob).matcher(repository.repository()).matches();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
