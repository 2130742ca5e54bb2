package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.Plans;
import io.layerline.retention.application.port.PolicyStore;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.RegistryCatalog;
import io.layerline.retention.application.port.RetentionEvents;
import io.layerline.retention.application.port.UndoWindows;
import io.layerline.retention.domain.Facts;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.ItemAction;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.PlanState;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.layerline.retention.domain.Artifacts.NOW;
import static io.layerline.retention.domain.Artifacts.REGISTRY;
import static io.layerline.retention.domain.Artifacts.anImage;
import static io.layerline.retention.domain.Artifacts.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor against its ports held in memory: what it deletes, skips, fails and records, item by item. The
 * database, the registries and Kafka are the integration tests' ({@code PruneRegistryIT}, {@code
 * ApplyResumesAfterCrashIT}).
 */
class PlanExecutorTest {

    private static final UUID PLAN = UUID.fromString("0f4b7c39-5a57-4c3e-9d8f-1f1de0b4a001");

    /** Four used images; the two oldest were planned for deletion. */
    private final List<Artifact> present = new ArrayList<>(List.of(
            anImage("old1").deployedDaysAgo(40).build(),
            anImage("old2").deployedDaysAgo(30).build(),
            anImage("mid").deployedDaysAgo(20).build(),
            anImage("new").deployedDaysAgo(10).build()));
    private final InMemoryPlans plans = new InMemoryPlans(pending(1, "old1"), pending(2, "old2"));
    private final InMemoryInventory inventory = new InMemoryInventory();
    private final Registry registry = new Registry();
    private final Undo undo = new Undo();
    private final List<ArtifactId> pruned = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ProtectionFacts facts = ProtectionFacts.NONE;
    private List<ManagedRegistries.ManagedRegistry> managed = List.of(registry);

    private PlanExecutor executor() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new PlanExecutor(plans, inventory, new RetentionPolicies(new NoPolicies(), clock), () -> managed,
                new Events(), undo, new Direct(), clock, new RetentionMetrics(inventory, new Direct(), meters),
                new RetentionSettings("prod", 10, 1000, Duration.ofMinutes(1), Duration.ofDays(7)));
    }

    @Test
    void deletesWhatMayGoSkipsWhatIsKeptNowAndFinishesThePlan() {
        facts = Facts.none().held(id("team/app", "old2")).build();

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.DELETED), Map.entry(2, ItemState.SKIPPED));
        assertThat(plans.details()).containsExactly("deleted", "kept now: held");
        assertThat(plans.audited).containsExactly(ItemState.DELETED, ItemState.SKIPPED);
        assertThat(registry.deleted).containsExactly(id("team/app", "old1"));
        assertThat(inventory.gone).containsExactly(id("team/app", "old1"));
        assertThat(pruned).containsExactly(id("team/app", "old1"));
        assertThat(plans.finished).isTrue();
        assertThat(meters.counter("layerline.retention.deleted").count()).isEqualTo(1);
        assertThat(meters.counter("layerline.retention.reclaimed").count()).isEqualTo(700);
    }

    @Test
    void anArtifactGoneFromTheRegistryCountsAsDeleted() {
        registry.gone.add(id("team/app", "old1"));

        executor().run(PLAN);

        assertThat(plans.details()).containsExactly("already gone from the registry", "deleted");
        assertThat(plans.finished).isTrue();
    }

    @Test
    void aRefusalFailsTheItemAndTheRestGoesOn() {
        registry.refusals.put(id("team/app", "old1"), RegistryArtifacts.RegistryException.answered(403,
                "robot$retention may not delete"));

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.FAILED), Map.entry(2, ItemState.DELETED));
        assertThat(plans.details()).containsExactly("robot$retention may not delete", "deleted");
        assertThat(meters.counter("layerline.retention.failures").count()).isEqualTo(1);
        assertThat(plans.finished).isTrue();
    }

    @Test
    void whatAnUndoNeedsIsKeptBeforeTheDeletionForTheWindow() {
        executor().run(PLAN);

        assertThat(registry.kept).containsExactly(id("team/app", "old1"), id("team/app", "old2"));
        assertThat(undo.kept).containsExactly(Map.entry(1, NOW.plus(Duration.ofDays(7))),
                Map.entry(2, NOW.plus(Duration.ofDays(7))));
    }

    @Test
    void aDeletionWhoseUndoCannotBeKeptIsNotMade() {
        registry.keepRefusals.put(id("team/app", "old1"), RegistryArtifacts.RegistryException.answered(403,
                "robot$retention may not push"));

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.FAILED), Map.entry(2, ItemState.DELETED));
        assertThat(plans.details().get(0)).isEqualTo(
                "not deleted, since what an undo needs could not be kept: robot$retention may not push");
        assertThat(registry.deleted).containsExactly(id("team/app", "old2"));
        assertThat(undo.kept).containsOnlyKeys(2);
    }

    @Test
    void anUnavailableRegistryPausesThePlanWithTheItemStillPending() {
        registry.refusals.put(id("team/app", "old1"), RegistryArtifacts.RegistryException.answered(503,
                "Service Unavailable"));

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.PENDING), Map.entry(2, ItemState.PENDING));
        assertThat(plans.audited).isEmpty();
        assertThat(plans.finished).isFalse();
    }

    @Test
    void withNoRegistryManagedAPlanIsForReviewAndItsDeletionsFail() {
        managed = List.of();

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.FAILED), Map.entry(2, ItemState.FAILED));
        assertThat(plans.details()).containsOnly("no registry adapter deletes from " + REGISTRY);
        assertThat(registry.deleted).isEmpty();
    }

    @Test
    void anArtifactOfARegistryNoLongerManagedIsKept() {
        managed = List.of(new Registry() {
            @Override
            public boolean handles(String host) {
                return host.equals("registry.other.example");
            }
        });

        executor().run(PLAN);

        assertThat(plans.states()).containsExactly(Map.entry(1, ItemState.SKIPPED), Map.entry(2, ItemState.SKIPPED));
        assertThat(plans.details()).allSatisfy(detail -> assertThat(detail).startsWith("kept now: "));
        assertThat(registry.deleted).isEmpty();
    }

    @Test
    void anotherInstanceHoldingTheLeaseAppliesThePlanAlone() {
        plans.leaseHolder = "another instance";

        executor().run(PLAN);

        assertThat(plans.states()).containsValues(ItemState.PENDING);
        assertThat(registry.deleted).isEmpty();
        assertThat(plans.finished).isFalse();
    }

    private static PlanItem pending(int seq, String seed) {
        return new PlanItem(seq, id("team/app", seed), Set.of(seed), 1_000, 700, "image", null, 0,
                ItemAction.DELETE, "older than the newest 2 used", "BEYOND_QUOTA", "UNLABELLED", ItemState.PENDING,
                null, null, null, null);
    }

    /** Transactions run their work at once: the fakes are not transactional. */
    private static final class Direct implements TransactionOperations<Connection> {

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasConnection() {
            return false;
        }

        @Override
        public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
            return Optional.empty();
        }

        @Override
        public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
            return callback.apply(null);
        }
    }

    private final class InMemoryPlans implements Plans {

        private final Map<Integer, PlanItem> items = new LinkedHashMap<>();
        private final List<ItemState> audited = new ArrayList<>();
        private String leaseHolder;
        private boolean finished;

        InMemoryPlans(PlanItem... items) {
            for (PlanItem item : items) {
                this.items.put(item.seq(), item);
            }
        }

        Map<Integer, ItemState> states() {
            Map<Integer, ItemState> states = new LinkedHashMap<>();
            items.forEach((seq, item) -> states.put(seq, item.state()));
            return states;
        }

        List<String> details() {
            return items.values().stream().map(PlanItem::detail).toList();
        }

        @Override
        public boolean lease(UUID id, String applier, Instant now, Instant until) {
            if (leaseHolder != null && !leaseHolder.equals(applier)) {
                return false;
            }
            leaseHolder = applier;
            return true;
        }

        @Override
        public List<PlanItem> pendingDeletions(UUID id, int limit) {
            return items.values().stream().filter(item -> item.state() == ItemState.PENDING).limit(limit).toList();
        }

        @Override
        public boolean markItem(UUID id, int seq, ItemState state, String detail, Instant at) {
            PlanItem item = items.get(seq);
            if (item.state() != ItemState.PENDING) {
                return false;
            }
            items.put(seq, new PlanItem(seq, item.artifact(), item.tags(), item.size(), item.ownBytes(), item.kind(),
                    item.policyId(), item.policyVersion(), item.action(), item.reasons(), item.reasonKind(),
                    item.labelClass(), state, detail, at, null, item.subject()));
            return true;
        }

        @Override
        public void audit(UUID id, PlanItem item, ItemState outcome, String detail, Instant at) {
            audited.add(outcome);
        }

        @Override
        public boolean finish(UUID id, Instant at) {
            finished = true;
            return true;
        }

        @Override
        public Optional<PlanSummary> summary(UUID id) {
            return Optional.of(new PlanSummary(id, finished ? PlanState.APPLIED : PlanState.APPLYING, NOW, 2,
                    items.size(), 0, "alice", NOW, finished ? NOW : null, Map.of(), 0));
        }

        @Override
        public List<UUID> applying() {
            return finished ? List.of() : List.of(PLAN);
        }

        @Override
        public void save(UUID id, RetentionPlan plan, Instant at, Optional<String> policyId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instant> lastScheduledRun(String policyId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordScheduledRun(String policyId, Instant at, UUID planId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PlanSummary> list(Optional<Instant> before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PlanItem> items(UUID id, ItemFilter filter, int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PlanGroup> groups(UUID id, ItemFilter filter, int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean pause(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean resume(UUID id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean startApplying(UUID id, String appliedBy, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AuditEntry> auditTrail(UUID id, int limit, int offset) {
            throw new UnsupportedOperationException();
        }
    }

    private final class InMemoryInventory implements Inventory {

        private final List<ArtifactId> gone = new ArrayList<>();

        @Override
        public List<Artifact> present(Optional<RepositoryId> repository) {
            return present.stream().filter(artifact -> repository.map(artifact.id().repositoryId()::equals)
                    .orElse(true)).toList();
        }

        @Override
        public ProtectionFacts protectionFacts(int rollbackDepth) {
            return facts;
        }

        @Override
        public void markGone(ArtifactId artifact, Instant at) {
            gone.add(artifact);
            present.removeIf(candidate -> candidate.id().equals(artifact));
        }

        @Override
        public void markPresent(ArtifactId artifact) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordPushes(List<ArtifactPush> pushes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordListed(RepositoryId repository, List<RegistryCatalog.Listed> listed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordBases(Map<ArtifactId, Set<String>> baseDigests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordPull(ArtifactId artifact, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addLabel(ArtifactId artifact, String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordDeployment(String service, String environment, ArtifactId artifact, Instant finishedAt,
                                     boolean rollbackEnvironment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] totals() {
            throw new UnsupportedOperationException();
        }
    }

    private static class Registry implements ManagedRegistries.ManagedRegistry {

        final List<ArtifactId> deleted = new ArrayList<>();
        final List<ArtifactId> gone = new ArrayList<>();
        final Map<ArtifactId, RegistryArtifacts.RegistryException> refusals = new HashMap<>();
        final Map<ArtifactId, RegistryArtifacts.RegistryException> keepRefusals = new HashMap<>();
        final List<ArtifactId> kept = new ArrayList<>();

        @Override
        public boolean handles(String host) {
            return host.equals(REGISTRY);
        }

        @Override
        public boolean delete(ArtifactId artifact) throws RegistryArtifacts.RegistryException {
            if (refusals.containsKey(artifact)) {
                throw refusals.get(artifact);
            }
            if (gone.contains(artifact)) {
                return false;
            }
            deleted.add(artifact);
            return true;
        }

        @Override
        public Optional<Kept> keep(ArtifactId artifact, Set<String> tags, Optional<String> subject)
                throws RegistryArtifacts.RegistryException {
            if (keepRefusals.containsKey(artifact)) {
                throw keepRefusals.get(artifact);
            }
            if (gone.contains(artifact)) {
                return Optional.empty();
            }
            kept.add(artifact);
            return Optional.of(new Kept("sha256:keeper-" + artifact.digest(), null, List.of(), List.of(
                    new KeptManifest(artifact.digest(), "application/vnd.oci.image.manifest.v1+json", new byte[] {1},
                            tags))));
        }

        @Override
        public Restored restore(ArtifactId artifact, Kept manifests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(ArtifactId keeper) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String registry() {
            return REGISTRY;
        }

        @Override
        public List<String> repositories() {
            return List.of("team/app");
        }

        @Override
        public List<Listed> artifacts(String repository) {
            throw new UnsupportedOperationException();
        }
    }

    /** Records what is kept for undo windows: item → until. */
    private static final class Undo implements UndoWindows {

        final Map<Integer, Instant> kept = new TreeMap<>();

        @Override
        public void keep(UUID plan, int seq, RegistryArtifacts.Kept manifests, Instant until) {
            kept.put(seq, until);
        }

        @Override
        public List<KeptItem> kept(UUID plan) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean markRestored(UUID plan, int seq, String detail, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<KeptItem> passed(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(UUID plan, int seq, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Events implements RetentionEvents {

        @Override
        public void imagePruned(UUID planId, ArtifactId artifact, Set<String> tags, long size, String reason,
                                Instant at) {
            pruned.add(artifact);
        }

        @Override
        public void runFinished(UUID planId, PlanSummary summary, Instant at) {
            assertThat(summary.state()).isEqualTo(PlanState.APPLIED);
        }

        @Override
        public void imageRestored(UUID planId, ArtifactId artifact, List<String> tags, List<String> tagsLeft,
                                  String restoredBy, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class NoPolicies implements PolicyStore {

        @Override
        public StoredPolicy save(String id, PolicyDraft draft, boolean active, String changedBy, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredPolicy> latest(String id) {
            return Optional.empty();
        }

        @Override
        public List<StoredPolicy> versions(String id) {
            return List.of();
        }

        @Override
        public List<StoredPolicy> active() {
            return List.of();
        }
    }
}
