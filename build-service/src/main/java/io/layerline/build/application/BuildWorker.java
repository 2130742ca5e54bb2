package io.layerline.build.application;

import io.layerline.build.application.port.AnnouncementEvents;
import io.layerline.build.application.port.BuildEngine;
import io.layerline.build.application.port.BuildGate;
import io.layerline.build.application.port.BuildEvents;
import io.layerline.build.application.port.Builds;
import io.layerline.build.application.port.RegistryImages;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.OciLabels;
import io.layerline.build.domain.build.Provenance;
import io.layerline.build.domain.build.Reproducibility;
import io.layerline.build.domain.build.Squash;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.build.StageBase;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.efficiency.EfficiencyReport;
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
import java.util.LinkedHashMap;
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
 * clones or unpacks its context, analyses its Dockerfile, resolves its bases, asks the gate, pushes its named stages,
 * builds with the OCI labels, pushes every tag (or, to squash, pushes the image under a tag of its own and puts the
 * squashed image under every tag), reads the image back from the registry and announces {@code ImageBuilt} — or
 * {@code BuildFailed} with the reason. Its log is written in batches while it runs.
 */
@Singleton
public class BuildWorker {

    private static final Logger LOG = LoggerFactory.getLogger(BuildWorker.class);
    /** The tag an image to squash is pushed under before the squash, followed by the build's id. */
    static final String UNSQUASHED_TAG_PREFIX = "layerline-unsquashed-";
    /** The label that makes an image to squash this build's alone; the squashed image does not carry it. */
    static final String BUILD_LABEL = "dev.layerline.build";
    static final String DOCKERFILE_ANNOTATION = "dev.layerline.squash.dockerfile";
    private static final int MAX_DOCKERFILE_ANNOTATION = 64 * 1024;

    private final Builds builds;
    private final BuildContexts contexts;
    private final BuildEngine engine;
    private final RegistryImages registry;
    private final BuildEvents events;
    private final AnnouncementEvents announcements;
    private final DockerfileAnalyses analyses;
    private final ImageEfficiency efficiency;
    private final BuildGate gate;
    private final boolean gateFailsOpen;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final BuildMetrics metrics;
    private final Duration timeout;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();

    BuildWorker(Builds builds, BuildContexts contexts, BuildEngine engine, RegistryImages registry, BuildEvents events,
                AnnouncementEvents announcements, DockerfileAnalyses analyses, ImageEfficiency efficiency,
                BuildGate gate, GateSettings gateSettings, TransactionOperations<Connection> transactions, Clock clock,
                BuildMetrics metrics, BuildSettings settings) {
        this.builds = builds;
        this.contexts = contexts;
        this.engine = engine;
        this.registry = registry;
        this.events = events;
        this.announcements = announcements;
        this.analyses = analyses;
        this.efficiency = efficiency;
        this.gate = gate;
        this.gateFailsOpen = gateSettings.failOpen();
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
        this.timeout = settings.timeout();
        this.workers = Executors.newFixedThreadPool(settings.concurrency());
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
        Optional<Build> taken = transactions.executeWrite(status -> builds.find(id)
                .flatMap(queued -> queued.start(started)).filter(running -> builds.update(running, BuildState.QUEUED)));
        if (taken.isEmpty()) {
            running.remove(id);
            return;
        }
        Build build = taken.get();
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
            metrics.buildEnded("pushed", Duration.between(started, clock.instant()));
        } catch (BuildFailure | RuntimeException | IOException e) {
            boolean interrupted = Thread.interrupted();
            String reason = interrupted && deadline.isDone() ? "timed out after " + timeout
                    : interrupted ? "cancelled" : e.getMessage();
            log.line("failed: " + reason);
            log.flush();
            fail(build, reason);
            metrics.buildEnded("failed", Duration.between(started, clock.instant()));
        } finally {
            deadline.cancel(false);
            flusher.cancel(false);
            running.remove(id);
            log.flush();
            delete(workDir);
        }
    }

    private void execute(Build build, Path workDir, BuildLog log, Instant started)
            throws BuildFailure, IOException {
        BuildDefinition definition = build.definition();
        log.line("context: " + definition.context());
        BuildContexts.Materialized context = contexts.materialize(definition.context(), workDir);
        String dockerfile = ContextArchive.read(context.tar(), definition.dockerfile())
                .orElseThrow(() -> new BuildFailure("the context has no " + definition.dockerfile()));
        DockerfileAnalysis analysis = analyses.analyze(new AnalyzeDockerfile(dockerfile, definition.dockerfile(),
                definition.buildArgs()));
        transactions.executeWrite(status -> {
            builds.saveAnalysis(build.id(), analysis);
            return null;
        });
        List<StageBase> bases = StageBase.of(analysis.stages(), definition.target(), registry::digestOf);
        StageBase finalBase = bases.stream().filter(StageBase::finalStage).findFirst()
                .orElseThrow(() -> new BuildFailure("the Dockerfile has no stage "
                        + (definition.target() == null ? "" : definition.target())));
        askTheGate(definition, bases, log);
        if (build.requestedBaseDigest() != null && !build.requestedBaseDigest().equals(finalBase.digest())
                && bases.stream().noneMatch(base -> build.requestedBaseDigest().equals(base.digest()))) {
            log.line("note: the cascade asked for base " + build.requestedBaseDigest() + "; the bases resolve to "
                    + bases.stream().map(StageBase::digest).toList());
        }
        Map<String, String> buildArgs = new HashMap<>(definition.buildArgs());
        if (context.commitTime() != null) {
            buildArgs.putIfAbsent("SOURCE_DATE_EPOCH", String.valueOf(context.commitTime().getEpochSecond()));
        }
        Instant created = build.reproductionOf() == null ? started : transactions.executeRead(status ->
                builds.find(build.reproductionOf())).map(Build::startedAt).orElse(started);
        Map<String, String> labels = labels(definition, context, created, finalBase, build.requestedBy());
        String branch = definition.context() instanceof ContextSource.Git git
                ? git.ref() : null;
        List<Announcement.Built> stageImages = new ArrayList<>();
        for (Map.Entry<String, List<String>> stage : definition.stageTags().entrySet()) {
            stageImages.addAll(pushStage(definition, analysis, stage.getKey(), stage.getValue(), context, buildArgs,
                    created, build.requestedBy(), started, branch, log));
        }
        List<String> references = definition.tags().stream().map(definition::reference).toList();
        boolean squash = definition.squash() == Squash.ONTO_BASE;
        List<String> built = squash ? List.of(definition.reference(UNSQUASHED_TAG_PREFIX + build.id())) : references;
        Map<String, String> builtLabels = new HashMap<>(labels);
        if (squash) {
            builtLabels.put(BUILD_LABEL, build.id().toString());
        }
        engine.build(new BuildEngine.Spec(context.tar(), definition.dockerfile(), definition.target(), buildArgs,
                builtLabels, built), log::line);
        for (String reference : built) {
            engine.push(reference, log::line);
        }
        String builtDigest = registry.digestOf(built.get(0)).orElseThrow(() -> new BuildFailure(
                "the registry does not show " + built.get(0) + " after the push"));
        Squashing squashed = squash ? squashOntoBase(definition, built.get(0), builtDigest, finalBase, dockerfile,
                workDir, log) : null;
        String digest = squashed == null ? builtDigest : squashed.digest();
        RegistryImages.StoredImage image = registry.read(definition.registry(), definition.repository(), digest);
        Announcement.Efficiency waste = efficiencyOf(definition, digest, log);
        SquashOutcome squashOutcome = squashed == null ? null : squashed.outcome().measuredAfter(measured(image,
                waste));
        log.line("pushed " + definition.registry() + "/" + definition.repository() + "@" + digest);
        log.flush();
        Instant finished = clock.instant();
        Build pushed = build.pushed(digest, finished).orElseThrow();
        List<String> layers = image.layers().stream().map(ImageLayer::digest).toList();
        transactions.executeWrite(status -> {
            if (!builds.update(pushed, BuildState.RUNNING)) {
                return null;
            }
            builds.saveLayers(build.id(), layers);
            if (squashOutcome != null) {
                builds.saveSquash(build.id(), squashOutcome);
            }
            if (build.reproductionOf() != null) {
                builds.find(build.reproductionOf()).ifPresent(original -> builds.saveReproducibility(build.id(),
                        Reproducibility.compare(original.id(), original.digest(), builds.layersOf(original.id()),
                                digest, layers)));
            }
            announcements.publish(new Announcement.Built(definition.registry(), definition.repository(), digest,
                    definition.tags(), image.size(), image.layers(), bases, new Provenance(context.sourceUrl(),
                    context.commit(), branch, build.requestedBy(), definition.dockerfile(),
                    Duration.between(started, finished).toMillis()), null, finished, waste));
            stageImages.forEach(announcements::publish);
            return null;
        });
    }

    /** The squashed image's digest, and what the squash did. */
    private record Squashing(String digest, SquashOutcome outcome) {
    }

    /**
     * Squashes the image as built (pushed under a tag of its own, with a label naming the build so that its digest is
     * this build's alone) onto its base, pushes the squashed image under the build's tags and deletes the image as
     * built, measured first.
     */
    private Squashing squashOntoBase(BuildDefinition definition, String builtReference, String builtDigest,
                                         StageBase base, String dockerfile, Path workDir, BuildLog log)
            throws BuildFailure {
        boolean scratch = base.digest() == null && "scratch".equals(base.reference());
        if (base.digest() == null && !scratch) {
            throw new BuildFailure("cannot squash onto the base " + base.reference()
                    + ": its digest could not be resolved");
        }
        RegistryImages.StoredImage asBuilt = registry.read(definition.registry(), definition.repository(),
                builtDigest);
        log.line("squash: the image as built is " + builtDigest + " (" + asBuilt.layers().size() + " layers)");
        Announcement.Efficiency before = efficiencyOf(definition, builtDigest, log);
        Map<String, String> annotations = dockerfile.length() <= MAX_DOCKERFILE_ANNOTATION
                ? Map.of(DOCKERFILE_ANNOTATION, dockerfile) : Map.of();
        long squashing = System.nanoTime();
        RegistryImages.Squashed squashed = registry.squashOntoBase(new RegistryImages.Squash(definition.registry(),
                definition.repository(), builtDigest, base.reference(), scratch ? null : base.digest(),
                definition.tags(), annotations, BUILD_LABEL, workDir));
        log.line("squash: " + squashed.layersMerged() + " layers merged into one above the base's "
                + squashed.baseLayers() + " in " + (System.nanoTime() - squashing) / 1_000_000 + " ms: "
                + squashed.digest());
        if (registry.delete(definition.registry(), definition.repository(), builtDigest)) {
            log.line("squash: the image as built is deleted from the registry");
        } else {
            log.line("squash: the registry did not delete the image as built; it stays at " + builtReference);
        }
        return new Squashing(squashed.digest(), new SquashOutcome(builtDigest, squashed.baseLayers(),
                squashed.layersMerged(), squashed.history(), dockerfile, measured(asBuilt, before), null));
    }

    /** An image's efficiency as the build record keeps it: its stored bytes beside its files'. */
    private static SquashOutcome.Efficiency measured(RegistryImages.StoredImage image,
                                                     Announcement.Efficiency files) {
        return files == null ? null : new SquashOutcome.Efficiency(image.size(), files.totalBytes(),
                files.wastedBytes());
    }

    /**
     * Builds a named stage on its own and pushes it under its references (grouped by repository), before the image
     * itself: a builder image announced with its own bases joins the graph. The engine's cache makes the stage's
     * steps cost nothing again when the image is built.
     */
    private List<Announcement.Built> pushStage(BuildDefinition definition, DockerfileAnalysis analysis, String stage,
                                               List<String> tagged, BuildContexts.Materialized context,
                                               Map<String, String> buildArgs, Instant created, String requestedBy,
                                               Instant started, String branch, BuildLog log) throws BuildFailure {
        List<StageBase> bases = StageBase.of(analysis.stages(), stage, registry::digestOf);
        if (bases.isEmpty()) {
            throw new BuildFailure("the Dockerfile has no stage " + stage + " to push");
        }
        StageBase base = bases.get(bases.size() - 1);
        Map<String, String> labels = labels(definition, context, created, base, requestedBy);
        List<String> references = tagged.stream().map(reference -> definition.registry() + "/" + reference).toList();
        log.line("stage " + stage + ": building it to push as " + String.join(", ", tagged));
        engine.build(new BuildEngine.Spec(context.tar(), definition.dockerfile(), stage, buildArgs, labels,
                references), log::line);
        for (String reference : references) {
            engine.push(reference, log::line);
        }
        Map<String, List<String>> tagsByRepository = new LinkedHashMap<>();
        for (String reference : tagged) {
            int colon = reference.lastIndexOf(':');
            tagsByRepository.computeIfAbsent(reference.substring(0, colon), repository -> new ArrayList<>())
                    .add(reference.substring(colon + 1));
        }
        List<Announcement.Built> pushed = new ArrayList<>();
        for (Map.Entry<String, List<String>> repository : tagsByRepository.entrySet()) {
            String reference = definition.registry() + "/" + repository.getKey() + ":" + repository.getValue().get(0);
            String digest = registry.digestOf(reference).orElseThrow(() -> new BuildFailure(
                    "the registry does not show " + reference + " after the push"));
            RegistryImages.StoredImage image = registry.read(definition.registry(), repository.getKey(), digest);
            log.line("pushed stage " + stage + " as " + definition.registry() + "/" + repository.getKey() + "@"
                    + digest);
            Instant at = clock.instant();
            pushed.add(new Announcement.Built(definition.registry(), repository.getKey(), digest,
                    repository.getValue(), image.size(), image.layers(), bases, new Provenance(context.sourceUrl(),
                    context.commit(), branch, requestedBy, definition.dockerfile(),
                    Duration.between(started, at).toMillis()), null, at, null));
        }
        return pushed;
    }

    /**
     * Asks the quality gate about the image about to be built, from its resolved bases: a failed enforced rule, or a
     * gate that cannot be asked while it fails closed, fails the build before anything is built or pushed.
     */
    private void askTheGate(BuildDefinition definition, List<StageBase> bases, BuildLog log) throws BuildFailure {
        BuildGate.Verdict verdict = gate.check(definition.registry(), definition.repository(),
                definition.tags().get(0), bases);
        if (verdict instanceof BuildGate.Refused refused) {
            throw new BuildFailure("refused by the gate: " + refused.message());
        }
        if (verdict instanceof BuildGate.Unavailable unavailable) {
            if (!gateFailsOpen) {
                throw new BuildFailure("the gate could not be asked (" + unavailable.reason()
                        + "); not built, since it fails closed");
            }
            log.line("gate: could not be asked (" + unavailable.reason() + "); built anyway, since it fails open");
        }
        if (verdict instanceof BuildGate.Passed passed) {
            log.line("gate: " + passed.outcome() + " — " + passed.message());
        }
    }

    /** The OCI labels of an image built on {@code base} (a scratch image names no base). */
    private static Map<String, String> labels(BuildDefinition definition, BuildContexts.Materialized context,
                                              Instant created, StageBase base, String requestedBy) {
        return OciLabels.of(definition.labels(), context.sourceUrl(), context.commit(), created,
                base.digest() == null && "scratch".equals(base.reference()) ? null : base.reference(), base.digest(),
                requestedBy);
    }

    /** The pushed image's efficiency; a build does not fail for want of it. */
    private Announcement.Efficiency efficiencyOf(BuildDefinition definition, String digest, BuildLog log) {
        try {
            EfficiencyReport report = efficiency.report(definition.registry(), definition.repository(), digest);
            log.line("efficiency: " + report.wastedBytes() + " of " + report.totalBytes() + " file bytes wasted");
            return new Announcement.Efficiency(report.totalBytes(), report.wastedBytes());
        } catch (BuildFailure e) {
            log.line("efficiency not worked out: " + e.getMessage());
            return null;
        }
    }

    private void fail(Build build, String reason) {
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            build.fail(reason, now).filter(failed -> builds.update(failed, BuildState.RUNNING))
                    .ifPresent(failed -> events.buildFailed(List.of(failed), now));
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
