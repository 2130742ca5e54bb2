package io.layerline.build.application;

import io.layerline.build.application.port.RegistryImages;
import io.layerline.build.domain.efficiency.EfficiencyReport;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Works out an image's efficiency report from its blobs in the registry; no engine is needed. */
@Singleton
public class ImageEfficiency {

    private final RegistryImages registry;

    ImageEfficiency(RegistryImages registry) {
        this.registry = registry;
    }

    public EfficiencyReport report(String registryHost, String repository, String digest)
            throws BuildFailure {
        RegistryImages.StoredImage image = registry.read(registryHost, repository, digest);
        List<EfficiencyReport.Layer> layers = new ArrayList<>();
        for (ImageLayer layer : image.layers()) {
            layers.add(new EfficiencyReport.Layer(layer.digest(), layer.size(),
                    registry.filesOf(registryHost, repository, layer.digest())));
        }
        return EfficiencyReport.of(layers);
    }
}
