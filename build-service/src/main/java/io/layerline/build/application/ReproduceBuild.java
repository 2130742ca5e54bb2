package io.layerline.build.application;

import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;

/**
 * Rebuilds a pushed build's definition, with the same creation time, so the {@link BuildWorker} records whether the
 * image comes out the same — and if not, which layers differ.
 */
@Singleton
public class ReproduceBuild {

    private final Builds builds;
    private final SubmitBuild submit;
    private final TransactionOperations<Connection> transactions;

    ReproduceBuild(Builds builds, SubmitBuild submit, TransactionOperations<Connection> transactions) {
        this.builds = builds;
        this.submit = submit;
        this.transactions = transactions;
    }

    public SubmitBuild.Outcome reproduce(UUID original, String requestedBy) {
        Optional<Build> build = transactions.executeRead(status -> builds.find(original));
        if (build.isEmpty()) {
            return SubmitBuild.Refused.because("id", "no build " + original);
        }
        if (build.get().state() != BuildState.PUSHED) {
            return SubmitBuild.Refused.because("state", "only a pushed build can be reproduced; this one is "
                    + build.get().state().name().toLowerCase());
        }
        return submit.queue(build.get().definition(), requestedBy, null, null, original);
    }
}
