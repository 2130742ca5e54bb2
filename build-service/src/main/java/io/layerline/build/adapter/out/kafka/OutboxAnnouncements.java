package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.Announcement;
import io.layerline.build.application.AnnouncementEvents;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImageDeleted;
import io.layerline.contracts.v1.ImagePulled;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

/** Publishes image facts from CI and Harbor through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxAnnouncements implements AnnouncementEvents {

    private final Outbox outbox;

    OutboxAnnouncements(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(Announcement announcement) {
        if (announcement instanceof Announcement.Pushed pushed) {
            outbox.publish(new ImagePushed(pushed.registry(), pushed.repository(), pushed.digest(), pushed.tags(),
                    pushed.size(), pushed.mediaType(), pushed.by(), pushed.at()));
        } else if (announcement instanceof Announcement.Pulled pulled) {
            outbox.publish(new ImagePulled(pulled.registry(), pulled.repository(), pulled.digest(), pulled.tag(),
                    pulled.by(), pulled.at()));
        } else if (announcement instanceof Announcement.Deleted deleted) {
            outbox.publish(new ImageDeleted(deleted.registry(), deleted.repository(), deleted.digest(),
                    deleted.tags(), deleted.by(), deleted.at()));
        } else if (announcement instanceof Announcement.Scanned scanned) {
            outbox.publish(new ImageScanned(scanned.registry(), scanned.repository(), scanned.digest(),
                    scanned.scanner(), scanned.succeeded() ? ImageScanned.ScanStatus.SUCCEEDED
                    : ImageScanned.ScanStatus.FAILED, new ImageScanned.Vulnerabilities(scanned.critical(),
                    scanned.high(), scanned.medium(), scanned.low(), scanned.unknown()), scanned.reportUrl(),
                    scanned.at()));
        } else if (announcement instanceof Announcement.Built built) {
            outbox.publish(new ImageBuilt(built.registry(), built.repository(), built.digest(), built.tags(),
                    built.size(), built.layers().stream().map(layer -> new ImageBuilt.Layer(layer.digest(),
                    layer.size(), layer.createdBy())).toList(),
                    built.bases().stream().map(base -> new ImageBuilt.BaseImage(base.stageIndex(), base.stage(),
                            base.reference(), base.digest(), base.finalStage())).toList(),
                    new ImageBuilt.Provenance(built.provenance().sourceRepository(), built.provenance().commit(),
                            built.provenance().branch(), built.provenance().author(), built.ciRunUrl(),
                            built.provenance().dockerfilePath(), built.provenance().buildDurationMillis() == 0 ? null
                            : built.provenance().buildDurationMillis()), built.at(),
                    built.efficiency() == null ? null : new ImageBuilt.Efficiency(built.efficiency().totalBytes(),
                            built.efficiency().wastedBytes())));
        }
    }
}
