package io.layerline.build.application.port;

import io.layerline.build.application.Announcement;

/** Publishes announcements on the backbone, in the caller's transaction. */
public interface AnnouncementEvents {

    /** @throws IllegalArgumentException when it would break its event's contract: nothing is published */
    void publish(Announcement announcement);

    /** Whether it could be published. @throws IllegalArgumentException when it would break its event's contract */
    void check(Announcement announcement);
}
