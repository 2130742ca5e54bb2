package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Rows;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports recorded together leave the ledger exactly as the same reports recorded one at a time in the same
 * transaction: the same results, deployments, current deployments, reach, labels and ImagePromoted events. One random
 * history — deployments to prod_test, prod and dev, failures, redeliveries of an external id within a poll and
 * across polls, invalid reports — is recorded twice in two copies under different registries, services and ids: in
 * polls of random sizes given whole to {@link RecordDeployment#recordAll}, and with the same polls given a report at a
 * time to {@link RecordDeployment#record}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordDeploymentIT implements TestPropertyProvider {

    private static final int REPORTS = 400;
    private static final List<String> ENVIRONMENTS = List.of("prod_test", "prod", "dev");

    @Inject
    RecordDeployment recordDeployment;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    /** Both copies are recorded at the same instant, so their times compare equal. */
    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    }

    @RepeatedTest(3)
    void reportsRecordedTogetherLeaveWhatReportsRecordedOneAtATimeLeave() {
        long seed = new Random().nextLong();
        List<List<Report>> polls = history(new Random(seed));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Copy together = new Copy("together" + run);
        Copy alone = new Copy("alone" + run);
        List<String> togetherResults = new ArrayList<>();
        List<String> aloneResults = new ArrayList<>();

        for (List<Report> poll : polls) {
            transactions.executeWrite(status -> {
                recordDeployment.recordAll(poll.stream().map(together::report).toList(), Ingress.KAFKA)
                        .forEach(result -> togetherResults.add(together.neutral(result.toString())));
                return null;
            });
            transactions.executeWrite(status -> {
                poll.forEach(report -> aloneResults.add(alone.neutral(
                        recordDeployment.record(alone.report(report), Ingress.KAFKA).toString())));
                return null;
            });
        }

        assertThat(aloneResults).as("seed %d", seed)
                .anyMatch(result -> result.startsWith("Duplicate"))
                .anyMatch(result -> result.startsWith("Rejected"))
                .anyMatch(result -> result.contains("Promoted[label=prod]"));
        assertThat(togetherResults).as("seed %d", seed).isEqualTo(aloneResults);
        assertThat(state(together)).as("seed %d", seed).isEqualTo(state(alone));
    }

    /** A report in copy-neutral terms: its number, service, environment, image number, and whether it is valid. */
    private record Report(int id, int service, String environment, int image, boolean succeeded, boolean valid,
                          Instant at) {
    }

    /**
     * Deployments of 30 images of 3 services to three environments, a tenth failed, a tenth redelivered (an external
     * id seen before), a twentieth invalid, cut into polls of 1 to 40.
     */
    private static List<List<Report>> history(Random random) {
        List<Report> reports = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        while (reports.size() < REPORTS) {
            at = at.plusSeconds(60);
            if (!reports.isEmpty() && random.nextInt(10) == 0) {
                reports.add(reports.get(random.nextInt(reports.size())));
                continue;
            }
            reports.add(new Report(reports.size(), random.nextInt(3), ENVIRONMENTS.get(random.nextInt(3)),
                    random.nextInt(30), random.nextInt(10) > 0, random.nextInt(20) > 0, at));
        }
        List<List<Report>> polls = new ArrayList<>();
        for (int from = 0; from < reports.size(); ) {
            int to = Math.min(reports.size(), from + 1 + random.nextInt(40));
            polls.add(reports.subList(from, to));
            from = to;
        }
        return polls;
    }

    /** The history written under a registry, services and external ids of its own. */
    private record Copy(String name) {

        String registry() {
            return name + ".example";
        }

        String digest(int image) {
            return OciImages.sha256((name + "/" + image).getBytes(StandardCharsets.UTF_8));
        }

        DeploymentReport report(Report report) {
            return new DeploymentReport(name + "-" + report.id(), name + "-service-" + report.service(),
                    report.environment(), registry(), "apps/service-" + report.service(),
                    report.valid() ? digest(report.image()) : "not-a-digest", "1." + report.image(), "DEPLOYED",
                    report.succeeded() ? "SUCCEEDED" : "FAILED", "ci", null, report.at().minusSeconds(30),
                    report.at());
        }

        /** A value of this copy in neutral terms: its name and digests replaced by placeholders. */
        String neutral(String value) {
            String neutral = value;
            for (int image = 0; image < 30 && neutral.contains("sha256:"); image++) {
                neutral = neutral.replace(digest(image), "#" + image);
            }
            return neutral.replace(name, "COPY").replaceAll("(id|deploymentId)=[0-9]+", "$1=N");
        }
    }

    /** Every row the copy left, in neutral terms, in the order it was written or sorted. */
    private List<String> state(Copy copy) {
        List<String> rows = new ArrayList<>();
        rows.addAll(rows(copy, """
                SELECT external_id || ' ' || service || ' ' || environment || ' ' || digest || ' ' || status || ' '
                       || recorded_at::text
                FROM deployment WHERE registry = ? ORDER BY id"""));
        rows.addAll(rows(copy, """
                SELECT c.service || ' ' || c.environment || ' ' || d.external_id || ' ' || c.digest || ' '
                       || c.since::text
                FROM current_deployment c JOIN deployment d ON d.id = c.deployment_id
                WHERE c.registry = ? ORDER BY c.service, c.environment"""));
        rows.addAll(rows(copy, """
                SELECT repository || ' ' || digest || ' ' || environment || ' ' || first_deployed_at::text || ' '
                       || last_deployed_at::text
                FROM image_environment WHERE registry = ? ORDER BY repository, environment, first_deployed_at"""));
        rows.addAll(rows(copy, """
                SELECT digest || ' ' || label || ' ' || environment || ' ' || deployment_id || ' ' || labelled_at::text
                FROM image_label WHERE registry = ? ORDER BY labelled_at, deployment_id, label"""));
        rows.addAll(rows(copy, """
                SELECT ce_type || ' ' || convert_from(payload, 'UTF8')
                FROM outbox WHERE convert_from(payload, 'UTF8') LIKE '%' || ? || '%' ORDER BY id"""));
        return rows;
    }

    private List<String> rows(Copy copy, String sql) {
        return transactions.executeRead(status -> Rows.firstColumn(status.getConnection(), sql, copy.registry()))
                .stream().map(copy::neutral).toList();
    }
}
