package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Cascades;
import io.layerline.catalog.domain.cascade.CascadeItem;
import io.layerline.catalog.domain.governance.Violation;
import io.layerline.catalog.domain.graph.Tier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.ReadOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Repositories per tier, violations by kind and open cascade items by state, refreshed on a schedule. */
@Context
public class CatalogMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogMetrics.class);

    private final RepositoryViews views;
    private final GovernanceReport governance;
    private final Cascades cascades;
    private final Map<Tier, AtomicLong> perTier = new EnumMap<>(Tier.class);
    private final Map<Violation.Kind, AtomicLong> perKind = new EnumMap<>(Violation.Kind.class);
    private final Map<CascadeItem.State, AtomicLong> perState = new EnumMap<>(CascadeItem.State.class);

    CatalogMetrics(RepositoryViews views, GovernanceReport governance, Cascades cascades, MeterRegistry meters) {
        this.views = views;
        this.governance = governance;
        this.cascades = cascades;
        for (Tier tier : Tier.values()) {
            Gauge.builder("layerline.catalog.repositories", gauge(perTier, tier), AtomicLong::get)
                    .tag("tier", name(tier)).description("Repositories by tier, entered or inferred").register(meters);
        }
        for (Violation.Kind kind : Violation.Kind.values()) {
            Gauge.builder("layerline.catalog.violations", gauge(perKind, kind), AtomicLong::get)
                    .tag("kind", name(kind)).description("Governance violations by kind").register(meters);
        }
        for (CascadeItem.State state : CascadeItem.State.values()) {
            Gauge.builder("layerline.catalog.cascade.items", gauge(perState, state), AtomicLong::get)
                    .tag("state", name(state)).description("Repositories of unfinished cascades by state")
                    .register(meters);
        }
    }

    @Scheduled(fixedDelay = "${layerline.catalog.metrics-interval:30s}", initialDelay = "1s")
    @ReadOnly
    void refresh() {
        try {
            perTier.values().forEach(count -> count.set(0));
            views.all().forEach(view -> perTier.get(view.tier().tier()).incrementAndGet());
            perKind.values().forEach(count -> count.set(0));
            governance.violations().forEach(violation -> perKind.get(violation.kind()).incrementAndGet());
            perState.values().forEach(count -> count.set(0));
            cascades.openItemsByState().forEach((state, count) -> perState.get(state).set(count));
        } catch (RuntimeException e) {
            LOG.debug("Cannot refresh the catalog metrics now: {}", e.toString());
        }
    }

    private static <K> AtomicLong gauge(Map<K, AtomicLong> gauges, K key) {
        return gauges.computeIfAbsent(key, k -> new AtomicLong());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
