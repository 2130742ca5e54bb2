package io.layerline.promotion.application;

import io.layerline.promotion.application.port.Labels;
import io.layerline.promotion.application.port.Ledger;
import io.layerline.promotion.application.port.PromotionEvents;
import io.layerline.promotion.application.port.RegistryLabels;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.promotion.domain.label.PromotionOutcome;
import io.layerline.promotion.domain.label.Promotions;
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
    public sealed interface Outcome {
    }

    /** Recorded now; {@code promotion} says what it did to the image's labels. */
    public record Recorded(RecordedDeployment deployment, PromotionOutcome promotion) implements Outcome {
    }

    /** A deployment with this external id was recorded before: here it is, unchanged. */
    public record Duplicate(RecordedDeployment original) implements Outcome {
    }

    /** The report is invalid; nothing was written. */
    public record Rejected(List<DeploymentReport.FieldError> errors) implements Outcome {
    }

    private final Ledger ledger;
    private final Labels labels;
    private final PromotionEvents events;
    private final RegistryLabels registryLabels;
    private final Promotions promotions;
    private final Clock clock;
    private final PromotionMetrics metrics;

    RecordDeployment(Ledger ledger, Labels labels, PromotionEvents events, RegistryLabels registryLabels,
                     Promotions promotions, Clock clock, PromotionMetrics metrics) {
        this.ledger = ledger;
        this.labels = labels;
        this.events = events;
        this.registryLabels = registryLabels;
        this.promotions = promotions;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Transactional
    public Outcome record(DeploymentReport report, Ingress ingress) {
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
    public List<Outcome> recordAll(List<DeploymentReport> reports, Ingress ingress) {
        List<Outcome> results = new ArrayList<>(Collections.nCopies(reports.size(), (Outcome) null));
        Map<String, Deployment> fresh = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            DeploymentReport.Checked checked = reports.get(i).check();
            if (checked.deployment().isEmpty()) {
                results.set(i, new Rejected(checked.errors()));
            } else {
                fresh.putIfAbsent(checked.deployment().get().externalId(), checked.deployment().get());
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
            metrics.deploymentRecorded(recordedNow.environment(), recordedNow.status().name().toLowerCase());
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
        promoted.forEach(label -> metrics.labelEarned(label.label()));
        return outcomes;
    }
}
