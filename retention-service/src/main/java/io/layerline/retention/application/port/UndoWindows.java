package io.layerline.retention.application.port;

import io.layerline.retention.application.KeptItem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What was kept of deleted artifacts for their undo windows. Writes join the caller's transaction. */
public interface UndoWindows {

    /** Stores what was kept of item {@code seq} of plan {@code plan} before its deletion; restorable until then. */
    void keep(UUID plan, int seq, RegistryArtifacts.Kept kept, Instant until);

    /** The items of a plan something was kept of, whatever their state and window, in plan order. */
    List<KeptItem> kept(UUID plan);

    /** Moves a deleted item to restored; false when it is not deleted (any more): restored by another caller. */
    boolean markRestored(UUID plan, int seq, String detail, Instant at);

    /** At most {@code limit} items whose window passed by {@code now} and is not closed yet, oldest first. */
    List<KeptItem> passed(Instant now, int limit);

    /** Closes an item's window: its kept manifests are dropped, it can no longer be restored. */
    void close(UUID plan, int seq, Instant at);
}
