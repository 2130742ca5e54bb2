package io.layerline.contracts.cdevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciPurlTest {

    private static final String HEX = "0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427";

    @Test
    void readsTheRegistryAndRepositoryFromTheRepositoryUrl() {
        OciPurl purl = OciPurl.parse("pkg:oci/app@sha256%3A" + HEX
                + "?repository_url=harbor.example.com/team/app&tag=1.4.2");

        assertThat(purl.registry()).contains("harbor.example.com");
        assertThat(purl.repository()).isEqualTo("team/app");
        assertThat(purl.digest()).isEqualTo("sha256:" + HEX);
        assertThat(purl.tag()).contains("1.4.2");
    }

    @Test
    void withoutARepositoryUrlTheNameIsTheRepository() {
        OciPurl purl = OciPurl.parse("pkg:oci/myapp@sha256%3A" + HEX);

        assertThat(purl.registry()).isEmpty();
        assertThat(purl.repository()).isEqualTo("myapp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkg:maven/org.example/app@1.0", "oci/app@sha256:x", "pkg:oci/app",
            "pkg:oci/app@1.4.2", "pkg:oci/@sha256%3A" + HEX})
    void refusesWhatDoesNotNameAnImageByDigest(String purl) {
        assertThatThrownBy(() -> OciPurl.parse(purl)).isInstanceOf(IllegalArgumentException.class);
    }
}
