package io.layerline.contracts.cdevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePurlTest {

    private static final String HEX = "0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427";

    @Test
    void readsTheRegistryAndRepositoryFromTheRepositoryUrl() {
        ImagePurl purl = ImagePurl.parse("pkg:oci/app@sha256%3A" + HEX
                + "?repository_url=harbor.example.com/team/app&tag=1.4.2");

        assertThat(purl.registry()).contains("harbor.example.com");
        assertThat(purl.repositoryIn("harbor.example.com")).isEqualTo("team/app");
        assertThat(purl.digest()).contains("sha256:" + HEX);
        assertThat(purl.tag()).contains("1.4.2");
    }

    @Test
    void withoutARepositoryUrlTheNameIsTheRepository() {
        ImagePurl purl = ImagePurl.parse("pkg:oci/myapp@sha256%3A" + HEX);

        assertThat(purl.registry()).isEmpty();
        assertThat(purl.repositoryIn("harbor.example.com")).isEqualTo("myapp");
    }

    /**
     * The forms producers write: the purl specification's own {@code oci} and {@code docker} examples
     * ({@code PURL-TYPES.rst}), a {@code repository_url} holding only the registry and namespace (cdviz), Docker
     * Hub under its other names, and the {@code docker} type's default registry.
     */
    @ParameterizedTest
    @CsvSource({
            "pkg:oci/debian@sha256%3A" + HEX + "?repository_url=docker.io/library/debian&arch=amd64&tag=latest, docker.io, library/debian",
            "pkg:oci/static@sha256%3A" + HEX + "?repository_url=gcr.io/distroless/static&tag=latest, gcr.io, distroless/static",
            "pkg:oci/checkout@sha256%3A" + HEX + "?repository_url=ghcr.io/acme, ghcr.io, acme/checkout",
            "pkg:oci/nginx@sha256%3A" + HEX + "?repository_url=index.docker.io, docker.io, library/nginx",
            "pkg:oci/nginx@sha256%3A" + HEX + "?repository_url=https://registry-1.docker.io/library/nginx, docker.io, library/nginx",
            "pkg:docker/customer/dockerimage@sha256%3A" + HEX + "?repository_url=gcr.io, gcr.io, customer/dockerimage",
            "pkg:docker/nginx@sha256%3A" + HEX + ", docker.io, library/nginx",
            "pkg:docker/library/nginx@sha256%3A" + HEX + "?repository_url=index.docker.io, docker.io, library/nginx",
            "pkg:oci/acme/checkout@sha256%3A" + HEX + ", harbor.example.com, acme/checkout"})
    void namesTheRegistryAndRepositoryAsTheRegistryHoldsThem(String purl, String registry, String repository) {
        ImagePurl parsed = ImagePurl.parse(purl);

        String where = parsed.registry().orElse("harbor.example.com");
        assertThat(where).isEqualTo(registry);
        assertThat(parsed.repositoryIn(where)).isEqualTo(repository);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkg:maven/org.example/app@1.0", "oci/app@sha256:x", "pkg:oci/app",
            "pkg:oci/app@1.4.2", "pkg:oci/@sha256%3A" + HEX, "pkg:docker/library/nginx@1.25"})
    void refusesWhatDoesNotNameAnImageByDigest(String purl) {
        assertThatThrownBy(() -> ImagePurl.parse(purl)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * cdviz's ArgoCD and kubewatch transformers name images by tag alone (cdviz-dev/transformers-community:
     * {@code argocd_notifications/outputs/0_4/captured/017_sync_podinfo_3_4.1.json},
     * {@code kubewatch_cloudevents/outputs/0_4/deployment/update.json}), the latter with an encoded repository URL.
     */
    @Test
    void aTagWithoutADigestIsTakenForTheRegistryToResolve() {
        ImagePurl argo = ImagePurl.parse("pkg:oci/podinfo?repository_url=ghcr.io/stefanprodan&tag=6.9.0");
        ImagePurl kubewatch = ImagePurl.parse("pkg:oci/kubewatch?repository_url=docker.io%2Frobustadev&tag=v2.9.0");

        assertThat(argo.digest()).isEmpty();
        assertThat(argo.tag()).contains("6.9.0");
        assertThat(argo.repositoryIn(argo.registry().orElseThrow())).isEqualTo("stefanprodan/podinfo");
        assertThat(kubewatch.registry()).contains("docker.io");
        assertThat(kubewatch.repositoryIn("docker.io")).isEqualTo("robustadev/kubewatch");
    }

    @Test
    void onlyOciAndDockerPackageUrlsNameImages() {
        assertThat(ImagePurl.namesAnImage("pkg:docker/nginx@sha256%3A" + HEX)).isTrue();
        assertThat(ImagePurl.namesAnImage("pkg:oci/nginx@sha256%3A" + HEX)).isTrue();
        assertThat(ImagePurl.namesAnImage("pkg:npm/left-pad@1.3.0")).isFalse();
        assertThat(ImagePurl.namesAnImage(null)).isFalse();
    }
}
