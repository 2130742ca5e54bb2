package io.layerline.catalog.application.port;

import io.layerline.catalog.application.GateEvaluation;
import io.layerline.catalog.application.TeamRule;
import io.layerline.catalog.domain.gate.ImageFacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the gates read and keep: owners' rules, scans, where digests succeeded, the audit of verdicts. */
public interface Gates {

    List<TeamRule> teamRules();

    Optional<TeamRule> teamRule(long id);

    TeamRule addTeamRule(TeamRule rule);

    boolean removeTeamRule(long id);

    /** Keeps a scan of {@code digest} unless a newer one is kept. */
    void recordScan(String digest, String scanner, Integer critical, Integer high, Instant scannedAt);

    Optional<ImageFacts.Scan> scanOf(String digest);

    /** The environments a deployment of {@code digest} succeeded in. */
    Set<String> succeededIn(String digest);

    /** The digest {@code registry/repository:tag} points at now, as the catalog saw it move. */
    Optional<String> digestOfTag(String registry, String repository, String tag);

    void audit(GateEvaluation evaluation);

    /** Verdicts newest first, those before id {@code before} when given. */
    List<GateEvaluation> evaluations(Optional<Long> before, int limit);
}
