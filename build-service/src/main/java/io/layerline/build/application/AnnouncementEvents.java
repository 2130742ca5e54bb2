package io.layerline.build.application;

/** Publishes announcements on the backbone, in the caller's transaction. */
public interface AnnouncementEvents {

    void publish(Announcement announcement);
}
