package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.layerline.retention.domain.policy.RetentionPolicy;
import io.micronaut.scheduling.cron.CronExpression;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which policy governs a repository: of the active stored policies that match it, the one with the highest
 * priority (then the lowest id); where none matches, the default rule set — keep the newest 2 used unlabelled
 * images, 10 {@code maybe_prod}, 10 {@code prod}, and a 7-day grace period.
 */
@Singleton
public class RetentionPolicies {

    /** What answers a request to change a policy. */
    public sealed interface Change {
    }

    public record Saved(PolicyStore.StoredPolicy policy) implements Change {
    }

    public record Rejected(List<PolicyDraft.FieldError> errors) implements Change {
    }

    public record NotFound(String id) implements Change {
    }

    public record Exists(String id) implements Change {
    }

    static final RetentionPolicy DEFAULT = RetentionPolicy.defaults("default", "**", "**");
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
                .sorted(Comparator.comparing((PolicyStore.StoredPolicy policy) -> -policy.draft().priorityOrDefault())
                        .thenComparing(PolicyStore.StoredPolicy::id))
                .map(policy -> policy.draft().toPolicy(policy.id(), policy.version()))
                .toList();
        return repository -> Optional.of(ordered.stream().filter(policy -> policy.governs(repository)).findFirst()
                .orElse(DEFAULT));
    }

    @Transactional
    public Change create(String id, PolicyDraft draft, String changedBy) {
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
    public Change update(String id, PolicyDraft draft, String changedBy) {
        List<PolicyDraft.FieldError> errors = new ArrayList<>(draft.validate());
        errors.addAll(scheduleProblems(draft));
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        if (store.latest(id).isEmpty()) {
            return new NotFound(id);
        }
        return new Saved(store.save(id, draft, true, changedBy, clock.instant()));
    }

    /** Active policies that plan on a schedule. */
    public List<PolicyStore.StoredPolicy> scheduled() {
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
    public Change retire(String id, String changedBy) {
        return store.latest(id).<Change>map(latest -> new Saved(store.save(id, latest.draft(), false, changedBy,
                clock.instant()))).orElseGet(() -> new NotFound(id));
    }
}
