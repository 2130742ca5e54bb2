package io.layerline.promotion.adapter.out.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * {@code layerline.promotion.registry.harbor}: where Harbor is and how to sign in (a user or a robot account, both
 * basic auth), and how the labels it creates look.
 *
 * @param projectScope  create and use labels in each project instead of global ones
 * @param caCertificate a PEM file of the CA that signed Harbor's certificate, when it is not one the system trusts
 */
@ConfigurationProperties("layerline.promotion.registry.harbor")
record HarborConfiguration(
        URI url,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "false") boolean projectScope,
        @Bindable(defaultValue = "#2E7D32") String labelColor,
        @Bindable(defaultValue = "Promoted by Layerline") String labelDescription,
        @Nullable String caCertificate) {

    @Override
    public String toString() {
        return "HarborConfiguration[url=" + url + ", username=" + username + ", password=***]";
    }
}
