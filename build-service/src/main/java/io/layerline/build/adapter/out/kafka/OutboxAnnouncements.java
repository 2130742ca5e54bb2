package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.Announcement;
import io.layerline.build.application.port.AnnouncementEvents;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.LayerlineEvent;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImageDeleted;
import io.layerline.contracts.v1.ImagePulled;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;

/** Publishes image facts from CI and Harbor through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxAnnouncements implements AnnouncementEvents {

    private static final URI CHECKED = URI.create("/layerline/build-service");

    private final Outbox outbox;
    private final EventCodec codec;

    OutboxAnnouncements(Outbox outbox, EventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void publish(Announcement announcement) {
        outbox.publish(event(announcement));
    }

    @Override
    public void check(Announcement announcement) {
        codec.encode(event(announcement), "checked", CHECKED, Instant.EPOCH);
    }

    private static LayerlineEvent event(Announcement announcement) {
        if (announcement instanceof Announcement.Pushed pushed) {
            return new ImagePushed(pushed.registry(), pushed.repository(), pushed.digest(), pushed.tags(),
                    pushed.size(), pushed.mediaType(), pushed.artifactKind() == null ? null
                    : ImagePushed.ArtifactKind.valueOf(pushed.artifactKind()), pushed.by(), pushed.at());
        }
        if (announcement instanceof Announcement.Pulled pulled) {
            return new ImagePulled(pulled.registry(), pulled.repository(), pulled.digest(), pulled.tag(),
                    pulled.by(), pulled.at());
        }
        if (announcement instanceof Announcement.Deleted deleted) {
            return new ImageDeleted(deleted.registry(), deleted.repository(), deleted.digest(), deleted.tags(),
                    deleted.by(), deleted.at());
        }
        if (announcement instanceof Announcement.Scanned scanned) {
            Announcement.Counts counts = scanned.counts();
            return new ImageScanned(scanned.registry(), scanned.repository(), scanned.digest(), scanned.scanner(),
                    scanned.outcome() == Announcement.ScanOutcome.SUCCEEDED ? ImageScanned.ScanStatus.SUCCEEDED
                            : ImageScanned.ScanStatus.FAILED,
                    ImageScanned.ScanType.valueOf(scanned.type().name()),
                    scanned.outcome() == Announcement.ScanOutcome.STOPPED ? Boolean.TRUE : null, scanned.sbomDigest(),
                    counts == null ? null : new ImageScanned.Vulnerabilities(counts.critical(), counts.high(),
                            counts.medium(), counts.low(), counts.unknown(), counts.negligible()),
                    scanned.reportUrl(), scanned.at());
        }
        Announcement.Built built = (Announcement.Built) announcement;
        return new ImageBuilt(built.registry(), built.repository(), built.digest(), built.tags(), built.size(),
                built.layers().stream().map(layer -> new ImageBuilt.Layer(layer.digest(), layer.size(),
                        layer.createdBy())).toList(),
                built.bases().stream().map(base -> new ImageBuilt.BaseImage(base.stageIndex(), base.stage(),
                        base.reference(), base.digest(), base.finalStage())).toList(),
                new ImageBuilt.Provenance(built.provenance().sourceRepository(), built.provenance().commit(),
                        built.provenance().branch(), built.provenance().author(), built.ciRunUrl(),
                        built.provenance().dockerfilePath(), built.provenance().buildDurationMillis() == 0 ? null
                        : built.provenance().buildDurationMillis()), built.at(),
                built.efficiency() == null ? null : new ImageBuilt.Efficiency(built.efficiency().totalBytes(),
                        built.efficiency().wastedBytes()));
    }
}
