package io.layerline.build.domain.efficiency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EfficiencyReportTest {

    private static LayerFile file(String path, long size) {
        return LayerFile.of(path, size, false, false);
    }

    @Test
    void anImageWhoseLayersOnlyAddWastesNothing() {
        EfficiencyReport report = EfficiencyReport.of(List.of(
                new EfficiencyReport.Layer("l0", 40, List.of(LayerFile.of("bin/", 0, true, false), file("bin/sh", 100))),
                new EfficiencyReport.Layer("l1", 10, List.of(file("app/app.jar", 50)))));

        assertThat(report.totalBytes()).isEqualTo(150);
        assertThat(report.wastedBytes()).isZero();
        assertThat(report.efficiency()).isEqualTo(1.0);
        assertThat(report.layers()).extracting(EfficiencyReport.LayerReport::files).containsExactly(1, 1);
    }

    @Test
    void filesOverwrittenOrDeletedLaterAreWastedInTheLayerThatAddedThem() {
        EfficiencyReport report = EfficiencyReport.of(List.of(
                new EfficiencyReport.Layer("l0", 0, List.of(file("./tmp/app.tar", 1000), file("etc/app.conf", 10),
                        file("var/cache/apt/a.deb", 300), file("var/cache/apt/b.deb", 200))),
                new EfficiencyReport.Layer("l1", 0, List.of(file("etc/app.conf", 12))),
                new EfficiencyReport.Layer("l2", 0, List.of(file("tmp/.wh.app.tar", 0),
                        file("var/cache/apt/.wh..wh..opq", 0)))));

        assertThat(report.wastedBytes()).isEqualTo(1000 + 10 + 300 + 200);
        assertThat(report.layers().get(0).wastedBytes()).isEqualTo(1510);
        assertThat(report.layers().get(1).wastedBytes()).isZero();
        assertThat(report.largestWaste().get(0)).isEqualTo(new EfficiencyReport.WastedFile("tmp/app.tar", 1000, 0, 2));
        assertThat(report.efficiency()).isLessThan(0.1);
    }

    @Test
    void deletingADirectoryWastesEverythingBelowIt() {
        EfficiencyReport report = EfficiencyReport.of(List.of(
                new EfficiencyReport.Layer("l0", 0, List.of(file("src/a.java", 5), file("src/b/c.java", 7),
                        file("srcs.txt", 3))),
                new EfficiencyReport.Layer("l1", 0, List.of(file(".wh.src", 0)))));

        assertThat(report.wastedBytes()).isEqualTo(12);
        assertThat(LayerFile.of("a/.wh.b", 0, false, false)).isEqualTo(
                new LayerFile("a/b", 0, LayerFile.Kind.WHITEOUT));
    }
}
