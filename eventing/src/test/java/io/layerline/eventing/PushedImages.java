package io.layerline.eventing;

import io.layerline.contracts.v1.ImagePushed;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The producing side of the tests: records a pushed image and announces it, in one transaction. */
@Singleton
@Requires(property = "test.role", value = "producer")
class PushedImages {

    private final DataSource dataSource;
    private final Outbox outbox;

    PushedImages(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @Transactional
    void record(ImagePushed pushed) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pushed_image (digest) VALUES (?)")) {
            insert.setString(1, pushed.digest());
            insert.executeUpdate();
        }
        outbox.publish(pushed);
    }

    @Transactional
    void recordThenFail(ImagePushed pushed) throws SQLException {
        record(pushed);
        throw new IllegalStateException("the change is rolled back, and its event with it");
    }
}
