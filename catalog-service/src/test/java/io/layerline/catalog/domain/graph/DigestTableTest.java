package io.layerline.catalog.domain.graph;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTableTest {

    @Property(tries = 50)
    void givesDenseIdsAndTheDigestsBack(@ForAll @IntRange(min = 1, max = 5_000) int count, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            written.add(switch (random.nextInt(10)) {
                case 0 -> "made-up-" + random.nextInt(count);
                case 1 -> "sha256:" + hex(random).toUpperCase();
                case 2 -> written.isEmpty() ? sha256(random) : written.get(random.nextInt(written.size()));
                case 3, 4 -> "sha256:%064x".formatted(i);
                default -> sha256(random);
            });
        }
        DigestTable table = new DigestTable();
        List<String> byId = new ArrayList<>();
        for (String digest : written) {
            int id = table.idOf(digest);
            if (id == byId.size()) {
                byId.add(digest);
            }
            assertThat(byId.get(id)).isEqualTo(digest);
        }

        assertThat(table.size()).isEqualTo(byId.size());
        for (int id = 0; id < byId.size(); id++) {
            assertThat(table.find(byId.get(id))).isEqualTo(id);
            assertThat(table.digestOf(id)).isEqualTo(byId.get(id));
        }
        assertThat(table.find(sha256(random))).isEqualTo(-1);
        assertThat(table.find("never-written")).isEqualTo(-1);
    }

    @Test
    void aDigestWithAWrongCharacterIsKeptAsWritten() {
        DigestTable table = new DigestTable();
        String almost = "sha256:" + "a".repeat(63) + "g";

        int id = table.idOf(almost);

        assertThat(table.digestOf(id)).isEqualTo(almost);
        assertThat(table.find("sha256:" + "a".repeat(64))).isEqualTo(-1);
    }

    private static String sha256(Random random) {
        return "sha256:" + hex(random);
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
