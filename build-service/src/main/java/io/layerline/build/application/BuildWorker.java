package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Layers;
import io.layerline.build.domain.build.OciLabels;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.efficiency.EfficiencyReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs queued builds: at most {@code concurrency} at a time, each within {@code timeout}, interruptible. A build
 * clones or unpacks its context, analyses its Dockerfile, resolves its bases, builds with the OCI labels, pushes every
 * tag, reads the image back from the registry and announces {@code ImageBuilt} — or {@code BuildFailed} with the
 * reason. Its log is written in batches while it runs.
 */
@Singleton
public class BuildWorker {

    private static final Logger LOG = LoggerFactory.getLogger(BuildWorker.class);

    private final Builds builds;
    private final BuildContexts contexts;
    private final BuildEngine engine;
    private final RegistryImages registry;
    private final BuildEvents events;
    private final AnnouncementEvents announcements;
    private final DockerfileAnalyses analyses;
    private final ImageEfficiency efficiency;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration timeout;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();

    BuildWorker(Builds builds, BuildContexts contexts, BuildEngine engine, RegistryImages registry, BuildEvents events,
                AnnouncementEvents announcements, DockerfileAnalyses analyses, ImageEfficiency efficiency,
                TransactionOperations<Connection> transactions, Clock clock, MeterRegistry meters,
                @Value("${layerline.build.concurrency:2}") int concurrency,
                @Value("${layerline.build.timeout:30m}") Duration timeout) {
        this.builds = builds;
        this.contexts = contexts;
        this.engine = engine;
        this.registry = registry;
        this.events = events;
        this.announcements = announcements;
        this.analyses = analyses;
        this.efficiency = efficiency;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.timeout = timeout;
        this.workers = Executors.newFixedThreadPool(concurrency);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    /** Runs the queued build {@code id} when a worker is free. */
    void schedule(UUID id) {
        Future<?> task = workers.submit(() -> run(id));
        running.put(id, task);
    }

    /** Interrupts build {@code id} if it is running here. */
    void interrupt(UUID id) {
        Future<?> task = running.get(id);
        if (task != null) {
            task.cancel(true);
        }
    }

    private void run(UUID id) {
        Instant started = clock.instant();
        if (!transactions.executeWrite(status -> builds.transition(id, BuildState.QUEUED, BuildState.RUNNING, null,
                started))) {
            running.remove(id);
            return;
        }
        BuildRecord build = transactions.executeRead(status -> builds.find(id)).orElseThrow();
        var deadline = watchdog.schedule(() -> {
            Future<?> task = running.get(id);
            if (task != null) {
                task.cancel(true);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        BuildLog log = new BuildLog(id);
        var flusher = watchdog.scheduleWithFixedDelay(log::flush, 1, 1, TimeUnit.SECONDS);
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("layerline-build-");
            execute(build, workDir, log, started);
            meters.counter("layerline.builds", "result", "pushed").increment();
        } catch (BuildEngine.BuildFailure | RuntimeException | IOException e) {
            boolean interrupted = Thread.interrupted();
            String reason = interrupted && deadline.isDone() ? "timed out after " + timeout
                    : interrupted ? "cancelled" : e.getMessage();
            log.line("failed: " + reason);
            log.flush();
            fail(build, reason);
        } finally {
            deadline.cancel(false);
            flusher.cancel(false);
            running.remove(id);
            log.flush();
            Timer.builder("layerline.build.duration").description("How long builds took, queue time excluded")
                    .publishPercentileHistogram().register(meters).record(Duration.between(started, clock.instant()));
            delete(workDir);
        }
    }

    private void execute(BuildRecord build, Path workDir, BuildLog log, Instant started)
            throws BuildEngine.BuildFailure, IOException {
        BuildDefinition definition = build.definition();
        log.line("context: " + definition.context());
        BuildContexts.Materialized context = contexts.materialize(definition.context(), workDir);
        String dockerfile = ContextArchive.read(context.tar(), definition.dockerfile())
                .orElseThrow(() -> new BuildEngine.BuildFailure("the context has no " + definition.dockerfile()));
        DockerfileAnalysis analysis = analyses.analyze(new AnalyzeDockerfile(dockerfile, definition.dockerfile(),
                definition.buildArgs()));
        transactions.executeWrite(status -> {
            builds.saveAnalysis(build.id(), analysis);
            return null;
        });
        List<BuildEvents.StageBase> bases = bases(analysis, definition.target());
        BuildEvents.StageBase finalBase = bases.stream().filter(BuildEvents.StageBase::finalStage).findFirst()
                .orElseThrow(() -> new BuildEngine.BuildFailure("the Dockerfile has no stage "
                        + (definition.target() == null ? "" : definition.target())));
        if (build.requestedBaseDigest() != null && !build.requestedBaseDigest().equals(finalBase.digest())
                && bases.stream().noneMatch(base -> build.requestedBaseDigest().equals(base.digest()))) {
            log.line("note: the cascade asked for base " + build.requestedBaseDigest() + "; the bases resolve to "
                    + bases.stream().map(BuildEvents.StageBase::digest).toList());
        }
        Map<String, String> buildArgs = new HashMap<>(definition.buildArgs());
        if (context.commitTime() != null) {
            buildArgs.putIfAbsent("SOURCE_DATE_EPOCH", String.valueOf(context.commitTime().getEpochSecond()));
        }
        Instant created = build.reproductionOf() == null ? started : transactions.executeRead(status ->
                builds.find(build.reproductionOf())).map(BuildRecord::startedAt).orElse(started);
        Map<String, String> labels = OciLabels.of(definition.labels(), context.sourceUrl(), context.commit(),
                created, finalBase.digest() == null && "scratch".equals(finalBase.reference()) ? null
                        : finalBase.reference(), finalBase.digest(), build.requestedBy());
        List<String> references = definition.tags().stream().map(definition::reference).toList();
        engine.build(new BuildEngine.Spec(context.tar(), definition.dockerfile(), definition.target(), buildArgs,
                labels, references), log::line);
        for (String reference : references) {
            engine.push(reference, log::line);
        }
        String digest = registry.digestOf(references.get(0)).orElseThrow(() -> new BuildEngine.BuildFailure(
                "the registry does not show " + references.get(0) + " after the push"));
        RegistryImages.StoredImage image = registry.read(definition.registry(), definition.repository(), digest);
        Announcement.Efficiency waste = efficiencyOf(definition, digest, log);
        log.line("pushed " + definition.registry() + "/" + definition.repository() + "@" + digest);
        log.flush();
        Instant finished = clock.instant();
        String branch = definition.context() instanceof ContextSource.Git git
                ? git.ref() : null;
        transactions.executeWrite(status -> {
            builds.transition(build.id(), BuildState.RUNNING, BuildState.PUSHED, null, finished);
            builds.pushed(build.id(), digest, image.layers().stream().map(RegistryImages.Layer::digest).toList());
            if (build.reproductionOf() != null) {
                builds.saveReproducibility(build.id(), compare(build.reproductionOf(), digest, image));
            }
            announcements.publish(new Announcement.Built(definition.registry(), definition.repository(), digest,
                    definition.tags(), image.size(), image.layers(), bases, new BuildEvents.Provenance(
                    context.sourceUrl(), context.commit(), branch, build.requestedBy(), definition.dockerfile(),
                    Duration.between(started, finished).toMillis()), null, finished, waste));
            return null;
        });
    }

    private Builds.Reproducibility compare(UUID original, String digest, RegistryImages.StoredImage image) {
        List<String> before = builds.layersOf(original);
        List<String> after = image.layers().stream().map(RegistryImages.Layer::digest).toList();
        boolean identical = builds.find(original).map(BuildRecord::digest).map(digest::equals).orElse(false);
        return new Builds.Reproducibility(original, identical, Layers.differing(before, after),
                Math.max(before.size(), after.size()));
    }

    /** The pushed image's efficiency; a build does not fail for want of it. */
    private Announcement.Efficiency efficiencyOf(BuildDefinition definition, String digest, BuildLog log) {
        try {
            EfficiencyReport report = efficiency.report(definition.registry(), definition.repository(), digest);
            log.line("efficiency: " + report.wastedBytes() + " of " + report.totalBytes() + " file bytes wasted");
            return new Announcement.Efficiency(report.totalBytes(), report.wastedBytes());
        } catch (BuildEngine.BuildFailure e) {
            log.line("efficiency not worked out: " + e.getMessage());
            return null;
        }
    }

    /** Each stage up to the built one, with its external base (following stage references) resolved to a digest. */
    private List<BuildEvents.StageBase> bases(DockerfileAnalysis analysis, String target) {
        List<DockerfileAnalysis.StageSummary> stages = analysis.stages();
        int last = stages.size() - 1;
        if (target != null) {
            last = stages.stream().filter(stage -> target.equalsIgnoreCase(stage.name()))
                    .map(DockerfileAnalysis.StageSummary::index).findFirst().orElse(-1);
        }
        List<BuildEvents.StageBase> bases = new ArrayList<>();
        Map<String, Optional<String>> resolved = new HashMap<>();
        for (int i = 0; i <= last; i++) {
            DockerfileAnalysis.StageSummary stage = stages.get(i);
            DockerfileAnalysis.StageSummary root = stage;
            while (root.baseStage() >= 0) {
                root = stages.get(root.baseStage());
            }
            String reference = root.base();
            String digest = reference.equalsIgnoreCase("scratch") || reference.contains("$") ? null
                    : resolved.computeIfAbsent(reference, registry::digestOf).orElse(null);
            bases.add(new BuildEvents.StageBase(i, stage.name(), reference, digest, i == last));
        }
        return bases;
    }

    private void fail(BuildRecord build, String reason) {
        meters.counter("layerline.builds", "result", "failed").increment();
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            if (builds.transition(build.id(), BuildState.RUNNING, BuildState.FAILED, reason, now)) {
                events.buildFailed(List.of(new BuildEvents.Failure(build, reason)), now);
            }
            return null;
        });
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", directory, e.toString());
        }
    }

    /**
     * Log lines of one build, stored in batches so a chatty build does not write a row per round trip; flushed every
     * second as well, so a quiet step's line is visible while it runs.
     */
    private final class BuildLog {
        private final UUID id;
        private final List<String> pending = new ArrayList<>();
        private long lastFlush = System.nanoTime();

        BuildLog(UUID id) {
            this.id = id;
        }

        synchronized void line(String text) {
            pending.add(text.length() > 4000 ? text.substring(0, 4000) + "…" : text);
            if (pending.size() >= 50 || System.nanoTime() - lastFlush > 500_000_000L) {
                flush();
            }
        }

        synchronized void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> lines = List.copyOf(pending);
            pending.clear();
            lastFlush = System.nanoTime();
            transactions.executeWrite(status -> {
                builds.appendLog(id, lines);
                return null;
            });
        }
    }
}
