package io.layerline.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Reads the roles of a JWT's claims as Micronaut does, then adds the roles they include (see {@link Roles}). */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class HierarchicalRolesFinder extends DefaultRolesFinder {

    public HierarchicalRolesFinder(TokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        return List.copyOf(Roles.expand(super.resolveRoles(attributes)));
    }
}
