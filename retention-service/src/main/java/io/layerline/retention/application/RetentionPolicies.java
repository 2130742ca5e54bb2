package io.layerline.retention.application;

import io.layerline.retention.application.port.PolicyStore;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.layerline.retention.domain.policy.RetentionPolicy;
import io.micronaut.scheduling.cron.CronExpression;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which policy governs a repository: of the active stored policies that match it, the one with the highest
 * priority (then the lowest id); where none matches, the built-in {@code default} — keep the newest 2 used
 * unlabelled images, 10 {@code maybe_prod}, 10 {@code prod}, and a 7-day grace period. The built-in default is
 * listed like any policy, as version 0; changing {@code default} stores versions of it that replace it.
 */
@Singleton
public class RetentionPolicies {

    /** What answers a request to change a policy. */
    public sealed interface Outcome {
    }

    public record Saved(StoredPolicy policy) implements Outcome {
    }

    public record Rejected(List<PolicyDraft.FieldError> errors) implements Outcome {
    }

    public record NotFound(String id) implements Outcome {
    }

    public record Exists(String id) implements Outcome {
    }

    static final String DEFAULT_ID = "default";
    /** The built-in default as a stored policy would read: version 0, priority 0, changed by nobody. */
    static final StoredPolicy BUILT_IN = new StoredPolicy(DEFAULT_ID, 0, new PolicyDraft("**",
            "**", 0, List.of(new PolicyDraft.RuleDraft("keepNewestUsed", "unlabelled", 2, null, null),
            new PolicyDraft.RuleDraft("keepNewestUsed", "maybe_prod", 10, null, null),
            new PolicyDraft.RuleDraft("keepNewestUsed", "prod", 10, null, null),
            new PolicyDraft.RuleDraft("keepYoungerThan", null, null, 7, null)), null, false), true, "built-in",
            Instant.EPOCH);
    static final RetentionPolicy DEFAULT = BUILT_IN.draft().toPolicy(DEFAULT_ID, 0);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final PolicyStore store;
    private final Clock clock;

    RetentionPolicies(PolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The policy of every repository, as the store holds them now; read once per plan. */
    public Function<RepositoryId, Optional<RetentionPolicy>> resolver() {
        List<RetentionPolicy> ordered = store.active().stream()
                .sorted(Comparator.comparing((StoredPolicy policy) -> -policy.draft().priorityOrDefault())
                        .thenComparing(StoredPolicy::id))
                .map(policy -> policy.draft().toPolicy(policy.id(), policy.version()))
                .toList();
        return repository -> Optional.of(ordered.stream().filter(policy -> policy.governs(repository)).findFirst()
                .orElse(DEFAULT));
    }

    /** The active policies, newest version of each, with the built-in default unless a stored one replaces it. */
    public List<StoredPolicy> active() {
        List<StoredPolicy> active = new ArrayList<>(store.active());
        if (active.stream().noneMatch(policy -> policy.id().equals(DEFAULT_ID))) {
            active.add(BUILT_IN);
        }
        return active;
    }

    /** Every version of a policy, newest first; the built-in default is the oldest version of {@code default}. */
    public List<StoredPolicy> versions(String id) {
        List<StoredPolicy> versions = new ArrayList<>(store.versions(id));
        if (id.equals(DEFAULT_ID)) {
            versions.add(BUILT_IN);
        }
        return versions;
    }

    @Transactional
    public Outcome create(String id, PolicyDraft draft, String changedBy) {
        List<PolicyDraft.FieldError> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new PolicyDraft.FieldError("id", "must be lower-case letters, digits and '-', at most 63"));
        }
        errors.addAll(draft.validate());
        errors.addAll(scheduleProblems(draft));
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        if (store.latest(id).isPresent()) {
            return new Exists(id);
        }
        return new Saved(store.save(id, draft, true, changedBy, clock.instant()));
    }

    @Transactional
    public Outcome update(String id, PolicyDraft draft, String changedBy) {
        List<PolicyDraft.FieldError> errors = new ArrayList<>(draft.validate());
        errors.addAll(scheduleProblems(draft));
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        if (store.latest(id).isEmpty() && !id.equals(DEFAULT_ID)) {
            return new NotFound(id);
        }
        return new Saved(store.save(id, draft, true, changedBy, clock.instant()));
    }

    /** Active policies that plan on a schedule. */
    public List<StoredPolicy> scheduled() {
        return store.active().stream().filter(policy -> policy.draft().schedule() != null
                && !policy.draft().schedule().isBlank()).toList();
    }

    private static List<PolicyDraft.FieldError> scheduleProblems(PolicyDraft draft) {
        if (draft.schedule() == null || draft.schedule().isBlank()) {
            return List.of();
        }
        try {
            CronExpression.create(draft.schedule());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new PolicyDraft.FieldError("schedule", "is not a cron expression ([second] minute hour day month "
                    + "weekday, e.g. '0 3 * * *'): " + e.getMessage()));
        }
    }

    /** Retires a policy: a last version, inactive, so its history stays. */
    @Transactional
    public Outcome retire(String id, String changedBy) {
        return store.latest(id).<Outcome>map(latest -> new Saved(store.save(id, latest.draft(), false, changedBy,
                clock.instant()))).orElseGet(() -> new NotFound(id));
    }
}
