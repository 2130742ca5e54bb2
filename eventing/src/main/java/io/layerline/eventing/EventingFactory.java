package io.layerline.eventing;

import io.layerline.contracts.EventCodec;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class EventingFactory {

    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
