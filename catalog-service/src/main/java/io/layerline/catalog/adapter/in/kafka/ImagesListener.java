package io.layerline.catalog.adapter.in.kafka;

import io.layerline.catalog.application.Image;
import io.layerline.catalog.application.RebuildCascades;
import io.layerline.catalog.application.RecordImages;
import io.layerline.catalog.application.RecordScans;
import io.layerline.catalog.application.StageBase;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.eventing.EventConsumer;
import io.layerline.eventing.EventHandlers;
import io.layerline.eventing.EventMetadata;
import io.layerline.eventing.Inbox;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashSet;
import java.util.List;

/**
 * Images built and pushed become nodes of the graph, their stage bases its edges; what is pushed beside them and
 * known not to be an image (a signature, an SBOM, a Helm chart) is left out. Vulnerability scans are kept for the
 * gates. A failed build stops the cascade that
 * asked for it. Records that cannot be applied go to {@code layerline.images.dlq} after the inbox's retries; while
 * the database is down a record is retried every second.
 */
@EventConsumer(group = "${layerline.eventing.consumer-group:catalog-service}")
class ImagesListener {

    private final Inbox inbox;
    private final EventHandlers handlers;

    ImagesListener(Inbox inbox, RecordImages record, RebuildCascades cascades, RecordScans scans) {
        this.inbox = inbox;
        this.handlers = EventHandlers.forConsumer("catalog.images")
                .onBatch(EventTypes.IMAGE_BUILT, built -> record.built(built.stream().map(image -> {
                    ImageBuilt.Provenance provenance = image.provenance();
                    return new RecordImages.Built(new Image(image.registry(), image.repository(),
                            image.digest(), new HashSet<>(image.tags()), image.size(), image.layers().size(),
                            provenance.sourceRepository(), provenance.commit(), provenance.branch(),
                            provenance.author(), provenance.ciRunUrl()),
                            image.baseImages().stream().map(base -> new StageBase(base.stageIndex(),
                                    base.reference(), base.digest(), base.finalStage())).toList(),
                            image.builtAt());
                }).toList()))
                .on(EventTypes.IMAGE_PUSHED, (ImagePushed pushed, EventMetadata metadata) -> {
                    if (pushed.artifactKind() == null || pushed.artifactKind().mayBeAnImage()) {
                        record.pushed(new Image(pushed.registry(), pushed.repository(), pushed.digest(),
                                new HashSet<>(pushed.tags()), pushed.size(), null, null, null, null,
                                pushed.pushedBy(), null), pushed.pushedAt());
                    }
                })
                .on(EventTypes.IMAGE_SCANNED, (ImageScanned scanned, EventMetadata metadata) -> {
                    // a finished vulnerability scan; a failed or stopped one, or an SBOM's, says nothing of findings
                    if (scanned.status() == ImageScanned.ScanStatus.SUCCEEDED
                            && scanned.scanType() != ImageScanned.ScanType.SBOM
                            && !Boolean.TRUE.equals(scanned.stopped())) {
                        ImageScanned.Vulnerabilities found = scanned.vulnerabilities();
                        scans.scanned(scanned.digest(), scanned.scanner(), found == null ? null : found.critical(),
                                found == null ? null : found.high(), scanned.scannedAt());
                    }
                })
                .on(EventTypes.BUILD_FAILED, (BuildFailed failed, EventMetadata metadata) -> cascades.failed(
                        failed.registry() + "/" + failed.repository(), failed.cascadeId(), failed.reason(),
                        failed.failedAt()))
                .build();
    }

    @Topic(Topics.IMAGES)
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(handlers, records);
    }
}
