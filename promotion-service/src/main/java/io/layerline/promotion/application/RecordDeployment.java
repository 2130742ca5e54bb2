package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.promotion.domain.label.PromotionOutcome;
import io.layerline.promotion.domain.label.Promotions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Records a reported deployment in the ledger and promotes its image: once per external id, whatever the
 * number of deliveries, and with the label, its event and its registry application in the same transaction.
 */
@Singleton
public class RecordDeployment {

    /** What became of a report. */
    public sealed interface Result {
    }

    /** Recorded now; {@code promotion} says what it did to the image's labels. */
    public record Recorded(RecordedDeployment deployment, PromotionOutcome promotion) implements Result {
    }

    /** A deployment with this external id was recorded before: here it is, unchanged. */
    public record Duplicate(RecordedDeployment original) implements Result {
    }

    /** The report is invalid; nothing was written. */
    public record Rejected(List<DeploymentReport.FieldError> errors) implements Result {
    }

    private final Ledger ledger;
    private final Labels labels;
    private final PromotionEvents events;
    private final RegistryLabels registryLabels;
    private final Promotions promotions;
    private final Clock clock;
    private final MeterRegistry meters;

    RecordDeployment(Ledger ledger, Labels labels, PromotionEvents events, RegistryLabels registryLabels,
                     Promotions promotions, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.labels = labels;
        this.events = events;
        this.registryLabels = registryLabels;
        this.promotions = promotions;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public Result record(DeploymentReport report, Ingress ingress) {
        return recordAll(List.of(report), ingress).get(0);
    }

    /**
     * Records reports in this order as if one after the other — a report whose external id was recorded before, or
     * earlier among these, is a duplicate; each deployment is promoted on the labels its image has by then — with a
     * JDBC batch per table instead of statements per report.
     *
     * @return what became of each report, in the same order
     */
    @Transactional
    public List<Result> recordAll(List<DeploymentReport> reports, Ingress ingress) {
        List<Result> results = new ArrayList<>(Collections.nCopies(reports.size(), (Result) null));
        Map<String, Deployment> fresh = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            DeploymentReport report = reports.get(i);
            List<DeploymentReport.FieldError> errors = report.validate();
            if (!errors.isEmpty()) {
                results.set(i, new Rejected(errors));
            } else if (!fresh.containsKey(report.externalId())) {
                fresh.put(report.externalId(), report.toDeployment());
            }
        }
        Map<String, RecordedDeployment> stored = new HashMap<>(ledger.findByExternalIds(fresh.keySet()));
        fresh.keySet().removeAll(stored.keySet());
        List<RecordedDeployment> recorded = ledger.add(List.copyOf(fresh.values()), ingress, clock.instant());
        Map<String, PromotionOutcome> outcomes = apply(recorded, ingress);
        Map<String, RecordedDeployment> added = new HashMap<>();
        recorded.forEach(deployment -> added.put(deployment.deployment().externalId(), deployment));
        fresh.keySet().removeAll(added.keySet());
        stored.putAll(ledger.findByExternalIds(fresh.keySet()));
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            String externalId = reports.get(i).externalId();
            if (results.get(i) != null) {
                continue;
            }
            if (added.containsKey(externalId) && answered.add(externalId)) {
                results.set(i, new Recorded(added.get(externalId), outcomes.get(externalId)));
            } else {
                results.set(i, new Duplicate(stored.getOrDefault(externalId, added.get(externalId))));
            }
        }
        return results;
    }

    /** Announces, promotes and makes current what was recorded now; each deployment's promotion, by external id. */
    private Map<String, PromotionOutcome> apply(List<RecordedDeployment> recorded, Ingress ingress) {
        if (ingress != Ingress.KAFKA) {
            recorded.forEach(deployment -> events.deploymentFinished(deployment.deployment()));
        }
        Map<ImageCoordinates, Set<String>> labelled = new HashMap<>();
        labels.of(recorded.stream().map(deployment -> deployment.deployment().image().untagged())
                .collect(Collectors.toSet())).forEach((image, earlier) -> labelled.put(image, new HashSet<>(earlier)));
        Map<String, PromotionOutcome> outcomes = new HashMap<>();
        List<EarnedLabel> earned = new ArrayList<>();
        for (RecordedDeployment deployment : recorded) {
            Deployment recordedNow = deployment.deployment();
            Set<String> current = labelled.computeIfAbsent(recordedNow.image().untagged(), image -> new HashSet<>());
            PromotionOutcome outcome = promotions.decide(recordedNow, Collections.unmodifiableSet(current));
            outcomes.put(recordedNow.externalId(), outcome);
            if (outcome instanceof PromotionOutcome.Promoted promoted && current.add(promoted.label())) {
                earned.add(new EarnedLabel(recordedNow.image(), promoted.label(), recordedNow.environment(),
                        recordedNow.externalId(), deployment.recordedAt()));
            }
            Counter.builder("layerline.deployments")
                    .description("Deployments recorded in the ledger")
                    .tag("environment", recordedNow.environment())
                    .tag("status", recordedNow.status().name().toLowerCase())
                    .register(meters).increment();
        }
        List<RecordedDeployment> succeeded = recorded.stream()
                .filter(deployment -> deployment.deployment().succeeded()).toList();
        ledger.advanceCurrent(succeeded);
        ledger.noteReach(succeeded.stream().map(RecordedDeployment::deployment).toList());
        List<Boolean> added = labels.add(earned);
        List<EarnedLabel> promoted = IntStream.range(0, earned.size()).filter(added::get).mapToObj(earned::get)
                .toList();
        events.imagesPromoted(promoted);
        labels.requestApplication(promoted.stream()
                .filter(label -> registryLabels.handles(label.image().registry())).toList());
        promoted.forEach(label -> Counter.builder("layerline.promotions")
                .description("Labels images earned by deployments")
                .tag("label", label.label())
                .register(meters).increment());
        return outcomes;
    }
}
