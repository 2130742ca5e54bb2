package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.application.port.Gates;
import io.layerline.catalog.domain.gate.Gate;
import io.layerline.catalog.domain.gate.GateVerdict;
import io.layerline.catalog.domain.gate.ImageFacts;
import io.layerline.catalog.domain.gate.Outcome;
import io.layerline.catalog.domain.gate.RuleVerdict;
import io.layerline.catalog.domain.graph.BaseReference;
import io.layerline.catalog.domain.graph.Tier;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one evaluation of an image for an environment, for CI, Kubernetes admission and people alike: the facts the
 * catalog has of it, the platform's rules and its owners', each rule's verdict, audited and counted.
 */
@Singleton
public class EvaluateGate {

    /** Who asks through which door: the REST API, or the Kubernetes admission webhook. */
    public enum Source { API, ADMISSION }

    /**
     * @param audited   false for a dry run (Kubernetes' {@code dryRun}): a verdict with no side effect
     * @param candidate an image about to be built, when the reference names one (a build asking first); else null
     */
    public record Request(String reference, String environment, String askedBy, Source source, boolean audited,
                          Candidate candidate) {
    }

    /** An image about to be built: every stage's base as the build resolved it, the final stage's last. */
    public record Candidate(List<StageBase> bases) {
    }

    public record Evaluation(ImageFacts facts, GateVerdict verdict) {
    }

    private static final Pattern BARE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Catalog catalog;
    private final RepositoryViews views;
    private final Gates gates;
    private final Gate gate;
    private final GateMetrics metrics;
    private final Clock clock;

    EvaluateGate(Catalog catalog, RepositoryViews views, Gates gates, Gate gate, GateMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.views = views;
        this.gates = gates;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Whether {@code reference} names an image: a bare digest, or a reference a Docker client would pull. */
    public static boolean isReference(String reference) {
        return reference != null && reference.length() <= 512
                && (BARE_DIGEST.matcher(reference).matches() || BaseReference.parse(reference).isPresent()
                && reference.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)));
    }

    @Transactional
    public Evaluation evaluate(Request request) {
        Instant now = clock.instant();
        ImageFacts facts = request.candidate() == null ? facts(request.reference())
                : candidate(request.reference(), request.candidate());
        GateVerdict verdict = gate.evaluate(facts, request.environment(), TeamRules.configured(gates.teamRules()),
                now);
        if (request.audited()) {
            gates.audit(new GateEvaluation(null, request.askedBy(), request.source().name().toLowerCase(Locale.ROOT),
                    request.reference(), facts.digest(), request.environment(), verdict.outcome(),
                    names(verdict, Outcome.FAIL), names(verdict, Outcome.WARN), detail(verdict), now));
            metrics.counted(request.source(), verdict);
        }
        return new Evaluation(facts, verdict);
    }

    /** The audit of verdicts, newest first, those before id {@code before} when given. */
    @ReadOnly
    public List<GateEvaluation> audited(Optional<Long> before, int limit) {
        return gates.evaluations(before, limit);
    }

    private static List<String> names(GateVerdict verdict, Outcome outcome) {
        return verdict.with(outcome).stream().map(RuleVerdict::qualifiedName).toList();
    }

    private static String detail(GateVerdict verdict) {
        String failed = verdict.explain(Outcome.FAIL);
        return !failed.isEmpty() ? failed : verdict.explain(Outcome.WARN);
    }

    private ImageFacts facts(String reference) {
        String registry;
        String repository;
        String digest;
        Optional<StoredImage> image;
        if (BARE_DIGEST.matcher(reference).matches()) {
            image = catalog.imagesOf(reference).stream().findFirst();
            if (image.isEmpty()) {
                return unknown(reference, "", "");
            }
            registry = image.get().image().registry();
            repository = image.get().image().repository();
            digest = reference;
        } else {
            BaseReference parsed = BaseReference.parse(reference).orElseThrow();
            registry = parsed.registry();
            repository = parsed.repository();
            digest = parsed.digest() != null ? parsed.digest()
                    : gates.digestOfTag(registry, repository, parsed.tag()).orElse(null);
            image = digest == null ? Optional.empty() : catalog.imagesOf(digest).stream()
                    .filter(stored -> stored.image().name().equals(parsed.repositoryName())).findFirst();
        }
        Optional<RepositoryView> view = views.one(registry, repository);
        if (image.isEmpty() || view.isEmpty()) {
            return unknown(reference, registry, repository);
        }
        Based based = based(catalog.basesOf(digest));
        boolean newest = view.get().head().image().image().digest().equals(digest);
        return new ImageFacts(reference, false, registry, repository, digest, view.get().tier().tier(),
                view.get().metadata().ownerTeam(), image.get().image().layerCount(), based.bases(),
                based.finalBase(), newest ? catalog.staleness(registry, repository).orElse(null) : null,
                gates.scanOf(digest).orElse(null),
                gates.succeededIn(digest), based.kind(), based.sameKind());
    }

    /**
     * A candidate's facts: its repository's tier and owner when the catalog knows it (else an application of no
     * team), and what its bases say; no digest, scan or deployment yet.
     */
    private ImageFacts candidate(String reference, Candidate candidate) {
        BaseReference parsed = BaseReference.parse(reference).orElseThrow();
        Optional<RepositoryView> view = views.one(parsed.registry(), parsed.repository());
        Based based = based(candidate.bases());
        return new ImageFacts(reference, true, parsed.registry(), parsed.repository(), null,
                view.map(known -> known.tier().tier()).orElse(Tier.APP),
                view.map(known -> known.metadata().ownerTeam()).orElse(null), null, based.bases(), based.finalBase(),
                null, null, Set.of(), based.kind(), based.sameKind());
    }

    /** What an image's stage bases say: each base, the final base's repository, its kind and its kind's bases. */
    private record Based(List<ImageFacts.Base> bases, String finalBase, String kind, Set<String> sameKind) {
    }

    private Based based(List<StageBase> stages) {
        List<ImageFacts.Base> bases = stages.stream().map(stage -> new ImageFacts.Base(stage.reference(),
                BaseReference.parse(stage.reference()).map(BaseReference::registry).orElse(null),
                stage.finalStage())).toList();
        Optional<RepositoryView> finalBase = stages.stream().filter(StageBase::finalStage)
                .map(stage -> BaseReference.parse(stage.reference())).flatMap(Optional::stream).findFirst()
                .flatMap(base -> views.one(base.registry(), base.repository()));
        Optional<String> kind = finalBase.flatMap(BaseKindGroups::kindOf);
        // every repository is compared only when the final base is of a kind
        Set<String> sameKind = kind.isEmpty() ? Set.of()
                : new BaseKindGroups(views.all()).sameKind(finalBase.get());
        return new Based(bases, finalBase.map(RepositoryView::name).orElse(null), kind.orElse(null), sameKind);
    }

    private static ImageFacts unknown(String reference, String registry, String repository) {
        return new ImageFacts(reference, false, registry, repository, null, null, null, null, List.of(), null, null,
                null, Set.of(), null, Set.of());
    }
}
