package io.layerline.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The one Jackson {@link ObjectMapper} of a service's HTTP edge, for what reads JSON as a tree (ingress events whose
 * shape is another program's). Typed bodies go through Micronaut Serialization. Nesting is bounded well below
 * Jackson's default: no body of ours is deeper than a few levels.
 */
@Factory
class JsonMappers {

    @Singleton
    ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
        return mapper;
    }
}
